package dumper.output;

import jakarta.enterprise.context.ApplicationScoped;

import dumper.config.Compression;
import dumper.plan.CompressionSupport;

/** The planner's check that this process can write a type's compression: see {@link Compressors}. */
@ApplicationScoped
public class InstalledCompressions implements CompressionSupport {

    @Override
    public void requireAvailable(Compression compression) {
        Compressors.requireAvailable(compression);
    }
}
