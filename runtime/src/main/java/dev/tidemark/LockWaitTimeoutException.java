package dev.tidemark;

/** Another session held the migration lock longer than the configured wait. */
public class LockWaitTimeoutException extends TidemarkException {

    private static final long serialVersionUID = 1L;

    private final transient LockHolder holder;

    public LockWaitTimeoutException(String message, LockHolder holder) {
        super(ErrorCode.LOCK_WAIT_TIMEOUT, message);
        this.holder = holder;
    }

    /** Who held the lock when Tidemark gave up, or null if it could not be seen. */
    public LockHolder holder() {
        return holder;
    }
}
