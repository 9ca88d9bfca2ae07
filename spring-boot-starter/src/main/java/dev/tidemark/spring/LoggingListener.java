package dev.tidemark.spring;

import dev.tidemark.TidemarkListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** Tidemark's progress in the application's log, under the logger {@code dev.tidemark}, at each event's level. */
final class LoggingListener {

    private static final Log log = LogFactory.getLog("dev.tidemark");

    private LoggingListener() {}

    static TidemarkListener create() {
        return TidemarkListener.sentences((level, sentence) -> {
            switch (level) {
                case DEBUG -> log.debug(sentence);
                case INFO -> log.info(sentence);
                case WARN -> log.warn(sentence);
            }
        });
    }
}
