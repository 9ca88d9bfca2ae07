package dev.tidemark;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Allows one rule of Tidemark's SQL lint for the migration it is on, with the reason why the
 * statement is safe here:
 *
 * <pre>{@code
 * @Migration(version = "7")
 * @AllowLint(rule = "TM-L001", reason = "orders is empty until the import in version 9")
 * public final class IndexOrders implements JavaMigration { … }
 * }</pre>
 *
 * <p>The annotation processor no longer reports that rule for the migration's statements, and
 * keeps the rule and the reason with the migration in the generated manifest. A blank reason or an
 * unknown rule is a compile error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(AllowLint.List.class)
public @interface AllowLint {

    /** The rule's id, such as {@code "TM-L001"}. */
    String rule();

    /** Why the rule's concern does not apply to this migration; required, never blank. */
    String reason();

    /** Holds several {@link AllowLint}s on one migration. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.TYPE)
    @interface List {
        AllowLint[] value();
    }
}
