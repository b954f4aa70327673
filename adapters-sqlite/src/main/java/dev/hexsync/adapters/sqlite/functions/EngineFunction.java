package dev.hexsync.adapters.sqlite.functions;

import dev.hexsync.json.JsonException;
import java.sql.SQLException;
import org.sqlite.Function;
import org.sqlite.SQLiteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SQL function whose every failure reaches SQLite as the engine words it (see {@link FunctionErrors}), never as
 * a Java exception's {@code toString()}: a statement SQLite refused keeps its code, anything else the function
 * rejects is an invalid argument.
 */
public abstract class EngineFunction extends Function {
    private static final Logger LOG = LoggerFactory.getLogger(EngineFunction.class);
    private final String name;

    protected EngineFunction(String name) {
        this.name = name;
    }

    /** The function's body. */
    protected abstract void call() throws SQLException;

    @Override
    protected final void xFunc() throws SQLException {
        try {
            call();
        } catch (FunctionError e) {
            throw e;
        } catch (SQLiteException e) {
            throw FunctionErrors.sqlite(name, e);
        } catch (SQLException | JsonException e) {
            throw FunctionErrors.invalidArgument(name, e.getMessage());
        } catch (RuntimeException e) {
            LOG.debug(name + " failed", e);
            throw FunctionErrors.invalidArgument(name, e.getMessage() == null ? "the arguments could not be used" : e.getMessage());
        }
    }

    /** The function's SQL name. */
    protected final String name() {
        return name;
    }
}
