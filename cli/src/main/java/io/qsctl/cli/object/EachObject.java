package io.qsctl.cli.object;

import io.qsctl.common.QsctlException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one operation over one named object or over all of them. With one named object its error
 * is the command's error; over all of them, one object's failure is recorded with its message and
 * the others still run, so one unreadable object does not hide the state of the rest.
 *
 * @param done   the results, in order
 * @param failed object id to the message of its failure
 */
public record EachObject<R>(List<R> done, Map<String, String> failed) {

    public static <R> EachObject<R> apply(String oneId, Supplier<List<String>> allIds, Function<String, R> operation) {
        if (oneId != null) {
            return new EachObject<>(List.of(operation.apply(oneId)), Map.of());
        }
        List<R> done = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (String id : allIds.get()) {
            try {
                done.add(operation.apply(id));
            } catch (QsctlException e) {
                failed.put(id, e.getMessage());
            }
        }
        return new EachObject<>(done, failed);
    }
}
