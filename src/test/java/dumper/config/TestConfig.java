package dumper.config;

import java.util.Map;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * {@link DumperConfig} and {@link DumpTypes} made by SmallRye Config from {@code settings}, as
 * Quarkus makes them at start-up (defaults, conversions), for in-process tests of what reads them.
 */
public final class TestConfig {

    private TestConfig() {
    }

    public static DumperConfig of(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(DumperConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(settings, "test settings", 500))
                .build();
        return config.getConfigMapping(DumperConfig.class);
    }

    public static DumpTypes types(Map<String, String> settings) {
        return new DumpTypes(of(settings));
    }
}
