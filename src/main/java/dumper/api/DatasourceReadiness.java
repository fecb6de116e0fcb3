package dumper.api;

import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dumper.config.DumpType;
import dumper.config.DumpTypes;
import dumper.config.DumperConfig;
import dumper.export.SourceDatabase;

/**
 * Readiness covers every datasource a configured type reads from and the report database, not
 * only the default one (which Quarkus checks itself): a type on a datasource that does not
 * answer would fail every scheduled run while the service said it was ready. Each datasource is
 * one entry, "UP" or the line saying why not (URLs printed without passwords).
 */
@Readiness
@ApplicationScoped
public class DatasourceReadiness implements HealthCheck {

    private final DumpTypes types;
    private final DumperConfig config;
    private final SourceDatabase database;

    DatasourceReadiness(DumpTypes types, DumperConfig config, SourceDatabase database) {
        this.types = types;
        this.config = config;
        this.database = database;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dumper datasources").up();
        for (String name : used()) {
            try {
                database.check(name);
                response.withData(name, "UP");
            } catch (RuntimeException e) {
                response.withData(name, "DOWN: " + e.getMessage()).down();
            }
        }
        return response.build();
    }

    /** The datasources of the configured types, and the report database when reports are on. */
    private Set<String> used() {
        Set<String> names = new TreeSet<>();
        for (DumpType type : types.all().values()) {
            names.add(type.datasource());
        }
        if (config.report().enabled()) {
            names.add(config.report().datasource());
        }
        return names;
    }
}
