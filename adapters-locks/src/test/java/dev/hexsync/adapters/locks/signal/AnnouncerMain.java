package dev.hexsync.adapters.locks.signal;

import dev.hexsync.testkit.time.VirtualScheduler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The other process of {@link CounterFileChangeSignalTest}: opens the signal file named by its argument, prints
 * {@code ready}, and answers each {@code announce} line with {@code announced}. Exits when stdin closes.
 */
final class AnnouncerMain {
    private AnnouncerMain() {
    }

    public static void main(String[] args) throws Exception {
        CounterFileChangeSignal signal = CounterFileChangeSignal.open(Path.of(args[0]), new VirtualScheduler(),
                Duration.ofMillis(10));
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("announce")) {
                signal.announce();
                System.out.println("announced");
            }
        }
        System.exit(0);
    }
}
