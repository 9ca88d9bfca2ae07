package dev.tidemark;

/** Validation found problems; {@link #result()} lists every one of them. */
public class ValidationException extends TidemarkException {

    private static final long serialVersionUID = 1L;

    private final transient ValidateResult result;

    public ValidationException(String message, ValidateResult result) {
        super(ErrorCode.VALIDATION_FAILED, message);
        this.result = result;
    }

    /** The problems of {@code result} in three parts, as {@link TidemarkException} takes them. */
    public ValidationException(Phrase what, Phrase remedy, ValidateResult result) {
        super(ErrorCode.VALIDATION_FAILED, what, null, remedy, null);
        this.result = result;
    }

    public ValidateResult result() {
        return result;
    }
}
