package io.mailfleet.bench.imap;

import java.util.Map;
import java.util.random.RandomGenerator;

/** Picks the next operation with the probabilities given by the --mix weights. */
final class CommandMix {

    private final Operation[] operations;
    private final int[] cumulative;

    CommandMix(Map<Operation, Integer> weights) {
        operations = weights.keySet().toArray(Operation[]::new);
        cumulative = new int[operations.length];
        int sum = 0;
        for (int i = 0; i < operations.length; i++) {
            sum += weights.get(operations[i]);
            cumulative[i] = sum;
        }
    }

    Operation next(RandomGenerator random) {
        int pick = random.nextInt(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (pick < cumulative[i]) {
                return operations[i];
            }
        }
        throw new IllegalStateException("unreachable: weights sum to " + cumulative[cumulative.length - 1]);
    }
}
