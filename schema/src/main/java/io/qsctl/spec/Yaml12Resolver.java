package io.qsctl.spec;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain scalars by the YAML 1.2 core schema instead of SnakeYAML's YAML 1.1 rules. Under
 * 1.1, {@code countries: [NO, SE]} reads Norway as {@code false}, {@code on}/{@code off}/{@code y}
 * become booleans and {@code 010} is octal. Only {@code true}/{@code false} are booleans here.
 */
final class Yaml12Resolver extends Resolver {

    static final Pattern CORE_BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    static final Pattern CORE_INT = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
    static final Pattern CORE_FLOAT = Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    static final Pattern CORE_NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
    static final Pattern MERGE_KEY = Pattern.compile("^(?:<<)$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, CORE_BOOL, "tTfF");
        addImplicitResolver(Tag.INT, CORE_INT, "-+0123456789");
        addImplicitResolver(Tag.FLOAT, CORE_FLOAT, "-+0123456789.");
        addImplicitResolver(Tag.MERGE, MERGE_KEY, "<");
        addImplicitResolver(Tag.NULL, CORE_NULL, "~nN\0");
        addImplicitResolver(Tag.NULL, Resolver.EMPTY, null);
    }
}
