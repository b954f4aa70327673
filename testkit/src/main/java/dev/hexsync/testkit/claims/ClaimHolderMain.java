package dev.hexsync.testkit.claims;

import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimException;
import dev.hexsync.ports.claims.ClaimManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The child side of cross-process claim tests: opens a manager with a {@link ClaimManagerFactory} and obeys
 * one command per stdin line, answering one line each, so a test drives it step by step.
 *
 * <pre>
 * args:     factory-class-name [factory arguments...]
 * prints:   ready                              once the manager is open
 * claim ID    -> claimed | refused SimpleExceptionName: message
 * release ID  -> released | not-held
 * probe ID    -> claimed=true | claimed=false
 * exit        -> (exits with status 0 without releasing anything: the process exit must release)
 * </pre>
 * The id is the rest of the line after the first space; valid ids hold no line breaks. The child exits when
 * its stdin closes, so it never outlives a test JVM that died.
 */
public final class ClaimHolderMain {
    public static final String READY = "ready";

    private ClaimHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ClaimManagerFactory factory = (ClaimManagerFactory) instantiate(args[0]);
        ClaimManager manager = factory.open(List.of(Arrays.copyOfRange(args, 1, args.length)));
        Map<String, Claim> held = new HashMap<>();
        out.println(READY);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            int space = line.indexOf(' ');
            String command = space < 0 ? line : line.substring(0, space);
            String id = space < 0 ? "" : line.substring(space + 1);
            switch (command) {
                case "claim" -> {
                    try {
                        held.put(id, manager.claim(id));
                        out.println("claimed");
                    } catch (ClaimException e) {
                        out.println("refused " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
                case "release" -> {
                    Claim claim = held.remove(id);
                    if (claim == null) {
                        out.println("not-held");
                    } else {
                        claim.close();
                        out.println("released");
                    }
                }
                case "probe" -> out.println("claimed=" + manager.isClaimed(id));
                case "exit" -> System.exit(0);
                default -> out.println("unknown command " + command);
            }
        }
        System.exit(0);
    }

    private static Object instantiate(String className) throws ReflectiveOperationException {
        var constructor = Class.forName(className).getDeclaredConstructor();
        constructor.setAccessible(true); // factories are often package-private test classes
        return constructor.newInstance();
    }
}
