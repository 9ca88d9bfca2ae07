package dev.tidemark.spring;

import dev.tidemark.TidemarkListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** Tidemark's progress in the application's log, under the logger {@code dev.tidemark}. */
final class LoggingListener implements TidemarkListener {

    private static final Log log = LogFactory.getLog("dev.tidemark");

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
