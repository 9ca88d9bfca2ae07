package dev.tidemark.maven;

import dev.tidemark.Fleet;
import dev.tidemark.FleetFailedException;
import dev.tidemark.FleetResult;
import dev.tidemark.Setting;
import dev.tidemark.spi.SecretMask;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A goal run on several targets (see "Many schemas or databases in one run"): one call on a {@link
 * Fleet}, then the summary of every target to the output, whether the run succeeded or failed.
 * Knows nothing of Maven.
 */
final class SeveralTargets {

    /** The settings that select several targets: any of them given makes a goal run on a {@link Fleet}. */
    static final List<Setting> SELECTING =
            List.of(Setting.SCHEMAS, Setting.SCHEMA_PATTERN, Setting.SCHEMA_QUERY, Setting.URLS);

    private final Function<Fleet, FleetResult> call;

    SeveralTargets(Function<Fleet, FleetResult> call) {
        this.call = call;
    }

    /** Whether the goal was given a setting that selects several targets. */
    static boolean selected(GivenParameters given) {
        return SELECTING.stream().anyMatch(given.given()::containsKey);
    }

    /**
     * Runs the call and hands the summary to {@code print}, a failed run's too, before the failure
     * is thrown (whose JSON document then carries every target's outcome).
     */
    void run(Fleet fleet, Output output, BiConsumer<Object, Output> print) {
        FleetResult result;
        try {
            result = call.apply(fleet);
        } catch (FleetFailedException e) {
            print.accept(e.result(), output);
            throw e;
        }
        print.accept(result, output);
    }

    /** The first of several URLs separated by commas, or null: the database the goal describes first. */
    static String firstUrl(String urls) {
        if (urls == null) {
            return null;
        }
        for (String url : urls.split(",")) {
            if (!url.isBlank()) {
                return url.strip();
            }
        }
        return null;
    }

    /** Adds the password of each of several URLs to {@code mask}. */
    static void maskPasswords(String urls, SecretMask mask) {
        if (urls != null) {
            for (String url : urls.split(",")) {
                DatabaseTarget.addPasswordOf(url.strip(), mask);
            }
        }
    }
}
