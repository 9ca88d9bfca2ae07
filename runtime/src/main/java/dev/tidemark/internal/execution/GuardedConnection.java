package dev.tidemark.internal.execution;

import dev.tidemark.MigrationDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;

/**
 * The connection a migration sees. A transactional migration may not commit, roll back (except to
 * a savepoint) or change auto-commit: its history row is written in the same transaction, and a
 * commit in between would leave changes applied but unrecorded. No migration may close the
 * session Tidemark runs on.
 */
final class GuardedConnection {

    private static final Set<String> TRANSACTION_CONTROL = Set.of("commit", "rollback", "setAutoCommit");

    private GuardedConnection() {}

    static Connection guard(Connection real, MigrationDescriptor migration) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> invoke(real, migration, method, args));
    }

    private static Object invoke(Connection real, MigrationDescriptor migration, Method method, Object[] args)
            throws Throwable {
        String name = method.getName();
        boolean toSavepoint = name.equals("rollback") && args != null && args.length == 1;
        if (migration.transactional() && TRANSACTION_CONTROL.contains(name) && !toSavepoint) {
            throw new IllegalStateException(
                    "migration " + migration.version() + " called Connection." + name + "(), which a"
                            + " transactional migration must not do: Tidemark commits its changes together with its history"
                            + " row. Remove the call (use a savepoint for partial rollback), or mark the migration"
                            + " @Migration(transactional = false)");
        }
        if (name.equals("close")) {
            throw new IllegalStateException(
                    "migration " + migration.version() + " called Connection.close(); the session"
                            + " belongs to Tidemark, which closes it after the run");
        }
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
