package dev.tidemark;

import dev.tidemark.StatementAnalysis.TableLock;

/**
 * The lock analysis of a rehearsal as the {@code analysis} object of the rehearsal's JSON document,
 * in {@link ResultFormat}'s conventions: camelCase names, versions as strings, times as {@code
 * …Ms}, enums upper case, sizes in bytes and rows as numbers (-1: unknown).
 */
final class LockAnalysisJson {

    private LockAnalysisJson() {}

    static void write(Json json, LockAnalysis analysis) {
        json.beginObject();
        json.name("limit").value(analysis.limit());
        json.name("exceedingLimit");
        if (analysis.overLimit() == null) {
            json.nullValue();
        } else {
            reference(json, analysis.overLimit());
        }
        json.name("statements").beginArray();
        for (StatementAnalysis statement : analysis.statements()) {
            json.beginObject();
            version(json, statement);
            json.name("number").value(statement.number());
            json.name("sql").value(statement.sql());
            json.name("status").value(statement.status().name());
            json.name("timeMs").value(statement.time().toMillis());
            json.name("locks").beginArray();
            for (TableLock lock : statement.locks()) {
                json.beginObject();
                json.name("table").value(lock.table());
                json.name("mode").value(lock.mode());
                json.name("rewritten").value(lock.rewritten());
                json.name("created").value(lock.created());
                json.name("dropped").value(lock.dropped());
                json.name("rows").value(lock.rows());
                json.name("bytes").value(lock.bytes());
                json.name("kind").value(lock.kind());
                json.name("ofTable").value(lock.ofTable());
                json.endObject();
            }
            json.endArray();
            json.name("sentence").value(statement.sentence());
            json.name("ruleId").value(statement.ruleId());
            json.name("advice").value(statement.advice());
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static void reference(Json json, StatementAnalysis statement) {
        json.beginObject();
        version(json, statement);
        json.name("number").value(statement.number());
        json.endObject();
    }

    /** {@code "version"}, and for a statement of a repeatable migration (version null) its {@code "repeatable"} file. */
    private static void version(Json json, StatementAnalysis statement) {
        if (statement.version() != null) {
            json.name("version").value(statement.version().toString());
        } else {
            json.name("version").nullValue();
            json.name("repeatable").value(statement.repeatable());
        }
    }
}
