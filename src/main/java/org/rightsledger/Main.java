package org.rightsledger;

import java.util.Arrays;

import org.rightsledger.sync.SyncCommand;
import org.rightsledger.verify.VerifyCommand;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * {@code java -jar quarkus-run.jar} runs the service; {@code … verify --url …} runs the
 * partner's chain verifier and {@code … sync --url … --out …} the partner's mirror instead, without
 * starting the service (no database needed).
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (args.length > 0 && "verify".equals(args[0])) {
            VerifyCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && "sync".equals(args[0])) {
            SyncCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Quarkus.run(args);
    }
}
