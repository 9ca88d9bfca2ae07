package dev.tidemark.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.tidemark.processor.lint.LintFinding;
import dev.tidemark.processor.lint.LintRule;
import dev.tidemark.processor.lint.LintSettings;
import dev.tidemark.processor.lint.Severity;
import dev.tidemark.processor.lint.SqlLint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Runs the SQL lint over the migrations compiled now, in version order: the SQL passed to {@code
 * MigrationContext.execute} as a string, a text block or a compile-time constant, outside {@code
 * down} (which undoes what {@code up} did, so its drops are expected). Each finding is
 * reported on the {@code execute} argument it comes from, with the configured severity, unless the
 * migration allows the rule with {@code @AllowLint} (whose reason must not be blank). A SQL file
 * allows a rule for one statement with a comment, read by {@link SqlAllowComments}.
 */
final class MigrationLint {

    /** A rule a migration allows, with its reason. */
    record Allowance(LintRule rule, String reason) {}

    private final Elements elements;
    private final Types types;
    private final Reporter reporter;
    private final SourceChecksum checksums;
    private final LintSettings settings;
    private final SqlLint lint = new SqlLint();
    private final TypeMirror migrationContext;

    MigrationLint(ProcessingEnvironment environment, Reporter reporter, SourceChecksum checksums) {
        this.elements = environment.getElementUtils();
        this.types = environment.getTypeUtils();
        this.reporter = reporter;
        this.checksums = checksums;
        this.settings = LintSettings.from(environment.getOptions());
        TypeElement context = elements.getTypeElement(RuntimeNames.MIGRATION_CONTEXT);
        this.migrationContext = context == null ? null : types.erasure(context.asType());
        for (String problem : settings.problems()) {
            reporter.error(ProcessorMessage.LINT_INVALID_OPTION, problem);
        }
    }

    /**
     * The rules {@code type} allows, by rule; a blank reason or an unknown rule is reported as an
     * error and left out.
     */
    Map<LintRule, Allowance> allowances(TypeElement type) {
        Map<LintRule, Allowance> allowed = new LinkedHashMap<>();
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            String name = ((TypeElement) mirror.getAnnotationType().asElement())
                    .getQualifiedName()
                    .toString();
            if (name.equals(RuntimeNames.ALLOW_LINT)) {
                allowance(type, mirror, mirror, allowed);
            } else if (name.equals(RuntimeNames.ALLOW_LINT_LIST)) {
                AnnotationValue value = value(mirror, "value");
                if (value != null && value.getValue() instanceof List<?> list) {
                    for (Object each : list) {
                        if (each instanceof AnnotationValue inner
                                && inner.getValue() instanceof AnnotationMirror innerMirror) {
                            allowance(type, mirror, innerMirror, allowed);
                        }
                    }
                }
            }
        }
        return allowed;
    }

    private void allowance(
            TypeElement type, AnnotationMirror reportOn, AnnotationMirror mirror, Map<LintRule, Allowance> allowed) {
        AnnotationValue ruleValue = value(mirror, "rule");
        AnnotationValue reasonValue = value(mirror, "reason");
        if (ruleValue == null || reasonValue == null) {
            return; // javac reports the missing member
        }
        String id = String.valueOf(ruleValue.getValue()).strip();
        LintRule rule = LintRule.byId(id);
        if (rule == null) {
            reporter.error(ProcessorMessage.LINT_UNKNOWN_RULE, type, reportOn, MigrationAnalyzer.nameOf(type), id);
            return;
        }
        String reason = String.valueOf(reasonValue.getValue()).strip();
        if (reason.isEmpty()) {
            reporter.error(
                    ProcessorMessage.LINT_ALLOW_WITHOUT_REASON, type, reportOn, MigrationAnalyzer.nameOf(type), id);
            return;
        }
        allowed.put(rule, new Allowance(rule, reason));
    }

    private static AnnotationValue value(AnnotationMirror mirror, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /**
     * Lints the statements of a SQL migration file, in the version order of every migration so that
     * a table an earlier migration created is known. A statement's {@code -- tidemark:allow} comments
     * silence those rules for it (see {@link SqlAllowComments}); returns what the file allows, once
     * per rule and reason.
     */
    List<Allowance> checkSql(FoundMigration migration) {
        SqlAllowComments comments = new SqlAllowComments(reporter);
        List<Allowance> allowedInFile = new ArrayList<>();
        for (SqlMigrationFile.Statement statement : migration.sql().statements()) {
            // The statement's line is its first token's; the lint counts from the start of its text.
            int start = SqlAllowComments.firstLine(statement);
            List<Allowance> allowed = comments.of(statement, start);
            for (LintFinding finding :
                    lint.statement(statement.file(), statement.text(), start, migration.transactional())) {
                Severity severity = settings.severity(finding.rule());
                if (severity != Severity.OFF
                        && allowed.stream().noneMatch(allowance -> allowance.rule() == finding.rule())) {
                    reporter.lint(kind(severity), finding.message());
                }
            }
            allowed.stream().filter(each -> !allowedInFile.contains(each)).forEach(allowedInFile::add);
        }
        comments.reportUnread(migration.sql().path(), migration.sql().upText());
        comments.reportUnread(migration.sql().downPath(), migration.sql().downText());
        return allowedInFile;
    }

    /** Lints the SQL of {@code migration}, which was compiled now. */
    void check(FoundMigration migration, Map<LintRule, Allowance> allowed) {
        if (migrationContext == null) {
            return;
        }
        TreePath declaration;
        try {
            declaration = checksums.declarationPath(migration.type());
        } catch (SourceChecksum.SourceUnavailableException e) {
            return; // reported by the checksum already
        }
        Trees trees = checksums.trees();
        CompilationUnitTree unit = declaration.getCompilationUnit();
        SourcePositions positions = trees.getSourcePositions();
        String source = migration.canonicalName();
        List<TreePath> arguments = new ArrayList<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitAnnotation(AnnotationTree annotation, Void unused) {
                return null;
            }

            @Override
            public Void visitMethod(MethodTree method, Void unused) {
                // down undoes what up did: its DROP COLUMN is the expected inverse of an ADD COLUMN.
                if (method.getName().contentEquals(RuntimeNames.DOWN_METHOD)
                        && method.getParameters().size() == 1) {
                    return null;
                }
                return super.visitMethod(method, unused);
            }

            @Override
            public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
                if (trees.getElement(getCurrentPath()) instanceof ExecutableElement method
                        && isExecute(method)
                        && invocation.getArguments().size() == 1) {
                    arguments.add(new TreePath(
                            getCurrentPath(), invocation.getArguments().get(0)));
                }
                return super.visitMethodInvocation(invocation, unused);
            }
        }.scan(declaration, null);

        for (TreePath argument : arguments) {
            Tree leaf = argument.getLeaf();
            long start = positions.getStartPosition(unit, leaf);
            int line = (int) unit.getLineMap().getLineNumber(start);
            String sql = constant(trees, argument);
            List<LintFinding> findings;
            if (sql == null) {
                findings = List.of(new LintFinding(
                        LintRule.UNCHECKED,
                        source,
                        line,
                        0,
                        "the SQL passed to execute is not a compile-time constant, so it was not checked"));
            } else {
                if (isTextBlock(unit, start)) {
                    line++; // a text block's content starts on the line after its opening quotes
                }
                findings = lint.script(source, sql, line, migration.transactional());
            }
            for (LintFinding finding : findings) {
                Severity severity = settings.severity(finding.rule());
                if (severity == Severity.OFF || allowed.containsKey(finding.rule())) {
                    continue;
                }
                reporter.lint(kind(severity), finding.message(), trees, argument);
            }
        }
    }

    private boolean isExecute(ExecutableElement method) {
        return method.getSimpleName().contentEquals("execute")
                && method.getParameters().size() == 1
                && method.getEnclosingElement() instanceof TypeElement owner
                && types.isSubtype(types.erasure(owner.asType()), migrationContext);
    }

    /** The value of a compile-time constant string expression, or null. */
    private static String constant(Trees trees, TreePath path) {
        Tree leaf = path.getLeaf();
        if (leaf instanceof LiteralTree literal) {
            return literal.getValue() instanceof String text ? text : null;
        }
        if (leaf instanceof ParenthesizedTree parenthesized) {
            return constant(trees, new TreePath(path, parenthesized.getExpression()));
        }
        if (leaf instanceof BinaryTree binary && binary.getKind() == Tree.Kind.PLUS) {
            String left = constantValue(trees, new TreePath(path, binary.getLeftOperand()));
            String right = constantValue(trees, new TreePath(path, binary.getRightOperand()));
            return left == null || right == null ? null : left + right;
        }
        Element element = trees.getElement(path);
        if (element instanceof VariableElement variable && variable.getConstantValue() instanceof String text) {
            return text;
        }
        return null;
    }

    /** Like {@link #constant}, for an operand of {@code +}, which may be a number or a character. */
    private static String constantValue(Trees trees, TreePath path) {
        Tree leaf = path.getLeaf();
        if (leaf instanceof LiteralTree literal) {
            return literal.getValue() == null ? null : String.valueOf(literal.getValue());
        }
        if (leaf instanceof ExpressionTree && !(leaf instanceof BinaryTree) && !(leaf instanceof ParenthesizedTree)) {
            Element element = trees.getElement(path);
            if (element instanceof VariableElement variable && variable.getConstantValue() != null) {
                return String.valueOf(variable.getConstantValue());
            }
            return null;
        }
        return constant(trees, path);
    }

    private static boolean isTextBlock(CompilationUnitTree unit, long start) {
        try {
            CharSequence text = unit.getSourceFile().getCharContent(true);
            return start >= 0
                    && start + 3 <= text.length()
                    && text.subSequence((int) start, (int) start + 3).toString().equals("\"\"\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static Diagnostic.Kind kind(Severity severity) {
        return switch (severity) {
            case ERROR -> Diagnostic.Kind.ERROR;
            case WARNING -> Diagnostic.Kind.WARNING;
            default -> Diagnostic.Kind.NOTE;
        };
    }
}
