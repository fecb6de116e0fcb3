package dumper.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The columns of the terminal a status line is drawn on: {@code COLUMNS} when the shell exports
 * it, else what {@code stty size} says of {@code /dev/tty}, asked again every few seconds so a
 * resized window is followed; 80 when neither answers.
 */
public final class TerminalWidth implements IntSupplier {

    static final int FALLBACK = 80;
    private static final long ASK_EVERY_NANOS = 3_000_000_000L;

    private int columns;
    private long askedAt;

    @Override
    public synchronized int getAsInt() {
        long now = System.nanoTime();
        if (columns == 0 || now - askedAt > ASK_EVERY_NANOS) {
            columns = ask();
            askedAt = now;
        }
        return columns;
    }

    private static int ask() {
        String exported = System.getenv("COLUMNS");
        if (exported != null && exported.matches("[1-9][0-9]{0,3}")) {
            return Integer.parseInt(exported);
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0 && size.matches("\\d+ [1-9]\\d*")) {
                return Integer.parseInt(size.substring(size.indexOf(' ') + 1));
            }
        } catch (IOException e) {
            // No stty, or no terminal: the fallback.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FALLBACK;
    }
}
