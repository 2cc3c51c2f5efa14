package io.qsctl.spec;

import java.util.List;
import java.util.Objects;

/** Which nodes may hold backends, and which failure domain to spread them over. */
public record Placement(List<String> countries, List<FarmRef> farms, List<Long> nodeIds, List<Long> exclude,
                        Spread spread) {
    public Placement {
        countries = List.copyOf(countries);
        farms = List.copyOf(farms);
        nodeIds = List.copyOf(nodeIds);
        exclude = List.copyOf(exclude);
        Objects.requireNonNull(spread, "spread");
    }

    public static Placement anywhere() {
        return new Placement(List.of(), List.of(), List.of(), List.of(), Spread.FARM);
    }

    public boolean isAnywhere() {
        return countries.isEmpty() && farms.isEmpty() && nodeIds.isEmpty();
    }
}
