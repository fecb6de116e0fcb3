package dumper.cli;

import org.eclipse.microprofile.config.ConfigProvider;

import picocli.CommandLine.IVersionProvider;

/** Reports the version Maven stamped into the build. */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ConfigProvider.getConfig().getOptionalValue("quarkus.application.version", String.class).orElse("unknown");
        return new String[] {"dumper " + version};
    }
}
