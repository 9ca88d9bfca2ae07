package dev.tidemark;

/**
 * Every failure Tidemark reports, in three parts: {@link #what() what happened} (migration,
 * statement, SQLSTATE, position), {@link #state() the state the database is in now} and {@link
 * #remedy() what to do}. The remedy names settings and actions symbolically, so that each caller
 * words it in its own terms through {@link #message(CallerTerms)}; {@link #getMessage()} uses the
 * API's. The message starts with the error code's id in brackets and never contains a password.
 *
 * <p>A part a failure does not give itself is its code's, from {@link ErrorCode#state()} and {@link
 * ErrorCode#remedy()}; a failure that gives its whole message as one text says its state and
 * remedy within it.
 */
public class TidemarkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Phrase what;
    private final Phrase state;
    private final Phrase remedy;

    /** A failure whose message (what happened, the state and the remedy, in that order) is one text. */
    public TidemarkException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** A failure whose message (what happened, the state and the remedy, in that order) is one text. */
    public TidemarkException(ErrorCode code, String message, Throwable cause) {
        this(code, Phrase.of(message), null, null, cause);
    }

    /**
     * A failure in three parts; a null {@code state} or {@code remedy} is not shown in the message,
     * and its accessor gives the code's.
     */
    public TidemarkException(ErrorCode code, Phrase what, Phrase state, Phrase remedy, Throwable cause) {
        super(null, cause);
        this.code = code;
        this.what = what == null ? Phrase.of(code.title()) : what;
        this.state = state;
        this.remedy = remedy;
    }

    /** What sort of failure this is. */
    public ErrorCode code() {
        return code;
    }

    /** What happened. */
    public Phrase what() {
        return what;
    }

    /** The state the database is in now, as this failure found it (or as its code states it). */
    public Phrase state() {
        return state == null || state.isEmpty() ? Phrase.of(code.state()) : state;
    }

    /** What to do next, naming settings and actions symbolically (or the code's remedy). */
    public Phrase remedy() {
        return remedy == null || remedy.isEmpty() ? code.remedy() : remedy;
    }

    /** The message with settings and actions in {@code terms}: id, what happened, state, remedy. */
    public String message(CallerTerms terms) {
        StringBuilder message =
                new StringBuilder("[").append(code.id()).append("] ").append(what.render(terms));
        if (state != null && !state.isEmpty()) {
            message.append('\n').append(state.render(terms));
        }
        if (remedy != null && !remedy.isEmpty()) {
            message.append('\n').append(remedy.render(terms));
        }
        return message.toString();
    }

    /** The message in the API's terms ({@code lockWait(Duration)}, {@code repair()}). */
    @Override
    public String getMessage() {
        return message(CallerTerms.API);
    }
}
