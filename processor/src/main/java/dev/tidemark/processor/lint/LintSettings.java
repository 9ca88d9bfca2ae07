package dev.tidemark.processor.lint;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The severity of each lint rule, from the compiler options: {@code -Atidemark.lint=<severity>}
 * for every rule, {@code -Atidemark.lint.TM_L001=<severity>} for one (it wins over the former),
 * each {@code error}, {@code warning}, {@code note} or {@code off}. A rule named in neither keeps
 * its {@linkplain LintRule#defaultSeverity() default}.
 */
public final class LintSettings {

    /** The option for every rule. */
    public static final String OPTION = "tidemark.lint";

    private final Map<LintRule, Severity> severities = new EnumMap<>(LintRule.class);
    private final List<String> problems;

    private LintSettings(List<String> problems) {
        this.problems = problems;
    }

    /** The settings the options give; {@link #problems()} names each option that is not understood. */
    public static LintSettings from(Map<String, String> options) {
        List<String> problems = new java.util.ArrayList<>();
        LintSettings settings = new LintSettings(problems);
        Severity all = severity(options, OPTION, problems);
        for (LintRule rule : LintRule.values()) {
            Severity one = severity(options, option(rule), problems);
            settings.severities.put(rule, one != null ? one : all != null ? all : rule.defaultSeverity());
        }
        return settings;
    }

    private static Severity severity(Map<String, String> options, String option, List<String> problems) {
        String value = options.get(option);
        if (value == null) {
            return null;
        }
        Severity severity = Severity.parse(value);
        if (severity == null) {
            problems.add("-A" + option + "=" + value);
        }
        return severity;
    }

    /** The option names the processor supports: the one for all rules and one per rule. */
    public static Set<String> options() {
        Set<String> options = new LinkedHashSet<>();
        options.add(OPTION);
        for (LintRule rule : LintRule.values()) {
            options.add(option(rule));
        }
        return options;
    }

    /**
     * The option for one rule: {@code tidemark.lint.TM_L001}, since javac takes only identifiers
     * separated by dots as option names.
     */
    public static String option(LintRule rule) {
        return OPTION + "." + rule.id().replace('-', '_');
    }

    public Severity severity(LintRule rule) {
        return severities.get(rule);
    }

    /** The options whose value is not a severity, as written ({@code -Atidemark.lint.TM_L001=loud}). */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
