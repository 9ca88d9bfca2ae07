package dev.tidemark.processor;

import com.palantir.javapoet.ClassName;
import dev.tidemark.MigrationVersion;
import dev.tidemark.processor.lint.LintRule;
import dev.tidemark.processor.lint.LintSettings;
import dev.tidemark.spi.AllowedLintListing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Checks every {@code @Migration} class and generates the manifest of the compilation: a class
 * {@code <package>.TidemarkManifest} implementing {@code dev.tidemark.spi.MigrationManifest},
 * registered in {@code META-INF/services}, with one entry per migration sorted by version.
 *
 * <p>The manifest's package is the longest package that contains every migration ({@code
 * com.acme.db} for {@code com.acme.db.v1.A} and {@code com.acme.db.v2.B}), or the one given with
 * the compiler option {@code -Atidemark.manifestPackage=…}. Migrations in the unnamed package are
 * an error (the manifest could not refer to them, and manifests in the unnamed package of several
 * jars would collide), and so are migrations that share no package when the option is not given.
 *
 * <p>Every problem is reported as a compile error on the offending class; checking goes on after
 * the first, and nothing is generated when any was found. This method never throws: an unexpected
 * failure is reported as an error too.
 */
public final class MigrationProcessor extends AbstractProcessor {

    private Reporter reporter;
    private SourceChecksum checksums;
    private boolean migrationsProcessed;
    private boolean failed;
    private boolean sqlFoldersRead;
    private List<Path> sqlFolders = List.of();
    private List<SqlMigrationFile> sqlMigrations = List.of();

    /** Called by the compiler. */
    public MigrationProcessor() {}

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        reporter = new Reporter(environment.getMessager());
        checksums = SourceChecksum.create(environment);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        // Every compilation, not only those with a @Migration class: one with SQL migrations only
        // must generate a manifest too.
        return Set.of("*");
    }

    @Override
    public Set<String> getSupportedOptions() {
        Set<String> options = new HashSet<>(LintSettings.options());
        options.add(RuntimeNames.MANIFEST_PACKAGE_OPTION);
        options.add(SqlFolders.OPTION);
        return options;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        // @Migration is Tidemark's own: claiming it keeps javac's -Xlint:processing quiet
        // ("No processor claimed any of these annotations"), which matters under -Werror. Other
        // annotations are left to their own processors: claiming is all or nothing per round.
        boolean claim = annotations.stream()
                .allMatch(annotation -> annotation.getQualifiedName().contentEquals(RuntimeNames.MIGRATION));
        if (failed) {
            return claim;
        }
        try {
            processRound(round);
        } catch (Exception | LinkageError | AssertionError e) {
            failed = true;
            reporter.error(ProcessorMessage.UNEXPECTED_FAILURE, shortTrace(e));
        }
        return claim;
    }

    private void processRound(RoundEnvironment round) {
        Elements elements = processingEnv.getElementUtils();
        TypeElement migrationType = elements.getTypeElement(RuntimeNames.MIGRATION);
        if (migrationType == null) {
            return;
        }
        List<Element> annotated = new ArrayList<>(round.getElementsAnnotatedWith(migrationType));
        annotated.sort(Comparator.comparing(MigrationAnalyzer::nameOf));
        if (migrationsProcessed) {
            for (Element element : annotated) {
                MigrationAnalyzer.migrationAnnotation(element)
                        .ifPresent(mirror -> reporter.error(
                                ProcessorMessage.LATE_ROUND, element, mirror, MigrationAnalyzer.nameOf(element)));
            }
            return;
        }
        List<FoundMigration> sql = new ArrayList<>();
        List<FoundMigration> repeatables = List.of();
        if (!sqlFoldersRead) {
            // The first round's classes tell where the sources, and so the folders, are.
            sqlFoldersRead = true;
            SqlMigrationScanner scanner = new SqlMigrationScanner(reporter);
            sqlFolders = SqlFolders.find(
                    processingEnv.getOptions(), round.getRootElements(), checksums.trees(), elements, reporter);
            for (Path folder : sqlFolders) {
                sql.addAll(scanner.scan(folder));
            }
            repeatables = scanner.repeatables();
        }
        if (annotated.isEmpty() && sql.isEmpty() && repeatables.isEmpty()) {
            return;
        }
        migrationsProcessed = true;

        MigrationAnalyzer analyzer = new MigrationAnalyzer(processingEnv, reporter, checksums);
        List<FoundMigration> compiled = new ArrayList<>();
        for (Element element : annotated) {
            Optional<AnnotationMirror> mirror = MigrationAnalyzer.migrationAnnotation(element);
            mirror.flatMap(m -> analyzer.analyze(element, m)).ifPresent(compiled::add);
        }
        if (compiled.isEmpty() && sql.isEmpty() && repeatables.isEmpty()) {
            return; // every migration had an error, all reported
        }

        PreviousCompilation previous = PreviousCompilation.read(processingEnv.getFiler(), elements, reporter);
        Set<String> recompiled = new HashSet<>();
        annotated.stream()
                .filter(TypeElement.class::isInstance)
                .map(element -> elements.getBinaryName((TypeElement) element).toString())
                .forEach(recompiled::add);
        List<FoundMigration> all = new ArrayList<>(compiled);
        all.addAll(sql);
        all.addAll(previous.kept(
                recompiled,
                elements,
                new PreviousCompilation.SourceFiles(
                        processingEnv.getFiler(),
                        compiled.isEmpty() ? null : compiled.get(0).type())));
        all.sort(Comparator.comparing(FoundMigration::parsedVersion).thenComparing(FoundMigration::binaryName));
        List<FoundMigration> sqlFiles = new ArrayList<>(sql);
        sqlFiles.addAll(repeatables);
        sqlMigrations = sqlFiles.stream().map(FoundMigration::sql).toList();

        List<AllowedLintListing.RepeatableLine> repeatableAllowed = new ArrayList<>();
        List<AllowedLintListing.Line> allowed = lint(all, repeatables, repeatableAllowed);
        reportDuplicateVersions(all, analyzer);
        Optional<String> manifestPackage = manifestPackage(all, elements);
        if (reporter.errorReported() || manifestPackage.isEmpty()) {
            return;
        }
        ClassName manifestClass = ClassName.get(manifestPackage.get(), RuntimeNames.MANIFEST_SIMPLE_NAME);
        Optional<? extends Element> taken = round.getRootElements().stream()
                .filter(TypeElement.class::isInstance)
                .filter(element -> MigrationAnalyzer.nameOf(element).equals(manifestClass.canonicalName()))
                .findFirst();
        if (taken.isPresent()) {
            reporter.errorOn(ProcessorMessage.MANIFEST_NAME_TAKEN, taken.get(), manifestClass.canonicalName());
            return;
        }
        // The repeatable migrations run after every versioned one: they come last in the manifest.
        List<FoundMigration> listed = new ArrayList<>(all);
        listed.addAll(repeatables);
        try {
            new ManifestWriter(processingEnv.getFiler())
                    .write(manifestClass, listed, previous.otherProviders(), sqlFolders);
            writeAllowedLint(manifestClass, all, allowed, repeatableAllowed);
        } catch (ManifestWriter.WriteException e) {
            reporter.error(ProcessorMessage.WRITE_FAILED, e.file(), e.getMessage());
        }
    }

    /**
     * Lints the migrations compiled now, in version order, then the repeatable ones; returns the
     * rules the versioned ones allow, and adds those the repeatable ones allow to {@code
     * repeatableAllowed}.
     */
    private List<AllowedLintListing.Line> lint(
            List<FoundMigration> all,
            List<FoundMigration> repeatables,
            List<AllowedLintListing.RepeatableLine> repeatableAllowed) {
        MigrationLint lint = new MigrationLint(processingEnv, reporter, checksums);
        List<AllowedLintListing.Line> allowed = new ArrayList<>();
        for (FoundMigration migration : all) {
            if (migration.compiledEarlier()) {
                continue;
            }
            Collection<MigrationLint.Allowance> allowances;
            if (migration.sql() != null) {
                allowances = lint.checkSql(migration);
            } else {
                Map<LintRule, MigrationLint.Allowance> byRule = lint.allowances(migration.type());
                lint.check(migration, byRule);
                allowances = byRule.values();
            }
            allowances.forEach(allowance -> allowed.add(new AllowedLintListing.Line(
                    migration.version(),
                    migration.binaryName(),
                    allowance.rule().id(),
                    allowance.reason())));
        }
        for (FoundMigration repeatable : repeatables) {
            lint.checkSql(repeatable)
                    .forEach(allowance -> repeatableAllowed.add(new AllowedLintListing.RepeatableLine(
                            repeatable.description(),
                            repeatable.binaryName(),
                            allowance.rule().id(),
                            allowance.reason())));
        }
        repeatableAllowed.sort(Comparator.comparing(AllowedLintListing.RepeatableLine::description)
                .thenComparing(AllowedLintListing.RepeatableLine::rule));
        return allowed;
    }

    private void writeAllowedLint(
            ClassName manifestClass,
            List<FoundMigration> all,
            List<AllowedLintListing.Line> now,
            List<AllowedLintListing.RepeatableLine> repeatables)
            throws ManifestWriter.WriteException {
        Set<String> kept = all.stream()
                .filter(FoundMigration::compiledEarlier)
                .map(FoundMigration::binaryName)
                .collect(Collectors.toSet());
        List<AllowedLintListing.Line> lines = new ArrayList<>(
                AllowedLintFile.previous(processingEnv.getFiler(), manifestClass.reflectionName(), kept));
        lines.addAll(now);
        lines.sort(Comparator.comparing((AllowedLintListing.Line line) -> MigrationVersion.parse(line.version()))
                .thenComparing(AllowedLintListing.Line::binaryName)
                .thenComparing(AllowedLintListing.Line::rule));
        String path = AllowedLintFile.path(manifestClass.reflectionName());
        try {
            AllowedLintFile.write(processingEnv.getFiler(), manifestClass.reflectionName(), lines, repeatables);
        } catch (java.io.IOException e) {
            throw new ManifestWriter.WriteException(path, e);
        }
    }

    /**
     * The SQL migrations of this compilation, each with its statements (file, text, line) as
     * they will be sent: what a check of the SQL itself reads.
     */
    List<SqlMigrationFile> sqlMigrations() {
        return sqlMigrations;
    }

    /** The failure and the frames down to the processor's entry point, not the compiler's below. */
    private static String shortTrace(Throwable failure) {
        StringBuilder trace = new StringBuilder(failure.toString());
        for (StackTraceElement frame : failure.getStackTrace()) {
            trace.append("\n\tat ").append(frame);
            if (frame.getClassName().equals(MigrationProcessor.class.getName())
                    && frame.getMethodName().equals("process")) {
                break;
            }
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            trace.append("\ncaused by: ").append(cause);
        }
        return trace.toString();
    }

    /** Reports every migration compiled now whose version another migration has too. */
    private void reportDuplicateVersions(List<FoundMigration> all, MigrationAnalyzer analyzer) {
        Map<MigrationVersion, List<FoundMigration>> byVersion = new LinkedHashMap<>();
        for (FoundMigration migration : all) {
            byVersion
                    .computeIfAbsent(migration.parsedVersion(), v -> new ArrayList<>())
                    .add(migration);
        }
        for (List<FoundMigration> sameVersion : byVersion.values()) {
            if (sameVersion.size() < 2) {
                continue;
            }
            for (FoundMigration migration : sameVersion) {
                if (migration.compiledEarlier()) {
                    continue; // not compiled now: its source has no position to report on
                }
                String others = sameVersion.stream()
                        .filter(other -> other != migration)
                        .map(other -> other.displayName() + " (version \"" + other.version() + "\")")
                        .collect(Collectors.joining(", "));
                if (migration.isSql()) {
                    reporter.error(
                            ProcessorMessage.DUPLICATE_VERSION,
                            migration.displayName(),
                            "\"" + migration.version() + "\"",
                            others);
                    continue;
                }
                AnnotationMirror mirror =
                        MigrationAnalyzer.migrationAnnotation(migration.type()).orElseThrow();
                reporter.error(
                        ProcessorMessage.DUPLICATE_VERSION,
                        migration.type(),
                        mirror,
                        analyzer.value(mirror, RuntimeNames.VERSION),
                        migration.canonicalName(),
                        "\"" + migration.version() + "\"",
                        others);
            }
        }
    }

    /** The package of the manifest, or empty after reporting why there is none. */
    private Optional<String> manifestPackage(List<FoundMigration> all, Elements elements) {
        String option = processingEnv.getOptions().get(RuntimeNames.MANIFEST_PACKAGE_OPTION);
        if (option != null) {
            if (!SourceVersion.isName(option)) {
                reporter.error(ProcessorMessage.INVALID_MANIFEST_PACKAGE_OPTION, option);
                return Optional.empty();
            }
            return Optional.of(option);
        }
        Set<String> packages = new TreeSet<>();
        for (FoundMigration migration : all) {
            if (migration.isSql()) {
                continue;
            }
            PackageElement pkg = elements.getPackageOf(migration.type());
            packages.add(pkg.getQualifiedName().toString());
        }
        if (packages.isEmpty()) {
            return Optional.of(SqlFolders.SQL_ONLY_PACKAGE);
        }
        String common = commonPackage(packages);
        if (common.isEmpty()) {
            FoundMigration first = all.stream()
                    .filter(migration -> !migration.compiledEarlier() && !migration.isSql())
                    .min(Comparator.comparing(FoundMigration::canonicalName))
                    .orElseThrow();
            reporter.error(
                    ProcessorMessage.NO_COMMON_PACKAGE,
                    first.type(),
                    MigrationAnalyzer.migrationAnnotation(first.type()).orElseThrow(),
                    String.join(", ", packages));
            return Optional.empty();
        }
        return Optional.of(common);
    }

    /** The longest package that is, or contains, each of {@code packages}; empty when none. */
    static String commonPackage(Set<String> packages) {
        List<String> common = null;
        for (String pkg : packages) {
            List<String> segments = List.of(pkg.split("\\."));
            if (common == null) {
                common = new ArrayList<>(segments);
            } else {
                int same = 0;
                while (same < common.size()
                        && same < segments.size()
                        && common.get(same).equals(segments.get(same))) {
                    same++;
                }
                common = new ArrayList<>(common.subList(0, same));
            }
        }
        return common == null ? "" : String.join(".", common);
    }
}
