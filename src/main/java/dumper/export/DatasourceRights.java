package dumper.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dumper.core.DumperException;
import dumper.core.ExitCode;

/**
 * What the user of a datasource may do in its database, as the server says
 * (information_schema's privilege tables for CURRENT_USER(): global, on the connection's
 * database, and on one table), so that {@code dumper check} can say what a source user could
 * do beyond reading and what a report user lacks. Rights through roles are not seen.
 */
@ApplicationScoped
public class DatasourceRights {

    private static final String GRANTEE = "CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', "
            + "SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')";
    private static final String PRIVILEGES = "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = "
            + GRANTEE + " UNION SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = " + GRANTEE
            + " AND ? LIKE TABLE_SCHEMA UNION SELECT PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = "
            + GRANTEE + " AND TABLE_SCHEMA = ? AND TABLE_NAME = ?";

    private final SourceDatabase database;

    DatasourceRights(SourceDatabase database) {
        this.database = database;
    }

    /** The privileges of {@code datasource}'s user on its database and on {@code table} there (may be null). */
    public Set<String> of(String datasource, String table) {
        try (Connection connection = database.open(datasource)) {
            String schema = connection.getCatalog();
            Set<String> rights = new TreeSet<>();
            try (PreparedStatement statement = connection.prepareStatement(PRIVILEGES)) {
                statement.setString(1, schema);
                statement.setString(2, schema);
                statement.setString(3, table == null ? "" : table);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        rights.add(rows.getString(1));
                    }
                    // USAGE is the server's word for "no privilege".
                    rights.remove("USAGE");
                }
            }
            return rights;
        } catch (SQLException e) {
            throw new DumperException(ExitCode.DATABASE, "cannot read the rights of datasource " + datasource + ": "
                    + DumperException.firstLine(e), e);
        }
    }
}
