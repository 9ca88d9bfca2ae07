package dev.tidemark;

/**
 * Tidemark gave up waiting for the migration lock: another session held it longer than the
 * configured wait, or the waiting thread was {@link #interrupted() interrupted}. Either way nothing
 * was done.
 */
public class LockWaitTimeoutException extends TidemarkException {

    private static final long serialVersionUID = 1L;

    private final transient LockHolder holder;
    private final boolean interrupted;

    public LockWaitTimeoutException(String message, LockHolder holder) {
        super(ErrorCode.LOCK_WAIT_TIMEOUT, message);
        this.holder = holder;
        this.interrupted = false;
    }

    /** A lock wait that ran out, or was interrupted when {@code interrupted}. */
    public LockWaitTimeoutException(Phrase what, Phrase state, Phrase remedy, LockHolder holder, boolean interrupted) {
        super(ErrorCode.LOCK_WAIT_TIMEOUT, what, state, remedy, null);
        this.holder = holder;
        this.interrupted = interrupted;
    }

    /** Who held the lock when Tidemark gave up, or null if it could not be seen. */
    public LockHolder holder() {
        return holder;
    }

    /** Whether the wait ended because the thread was interrupted rather than because it ran out. */
    public boolean interrupted() {
        return interrupted;
    }
}
