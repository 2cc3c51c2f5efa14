package io.qsctl.zdb.server;

import static io.qsctl.zdb.server.CommandTable.entry;

import java.util.List;
import java.util.Set;

/** The table of commands, in 0-db's dispatch order. */
final class Commands {

    /**
     * Commands whose reply shows the keys of the client's namespace as memory has them, writes not
     * yet flushed included (SCAN, RSCAN and DATA RAW flush first, so they show only what the files
     * have).
     */
    private static final Set<String> SHOWING_KEYS = Set.of("SET", "SETX", "DEL", "GET", "MGET", "EXISTS", "CHECK",
            "LENGTH", "KEYTIME", "HISTORY", "KEYCUR", "DBSIZE");

    private Commands() {
    }

    /** By index in {@code table}: whether the command is one of {@link #SHOWING_KEYS}. */
    static boolean[] showingKeys(CommandTable table) {
        boolean[] flags = new boolean[table.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = SHOWING_KEYS.contains(table.get(i).name());
        }
        return flags;
    }

    static CommandTable table() {
        return new CommandTable(List.of(
                entry("*", SystemCommands::star),
                entry("WAIT", SystemCommands::waitFor),
                entry("MIRROR", SystemCommands::mirror),
                entry("MASTER", SystemCommands::master),
                entry("PING", SystemCommands::ping),
                entry("TIME", SystemCommands::time),
                entry("AUTH", SystemCommands::auth),
                entry("HOOKS", SystemCommands::hooks),
                entry("INDEX", SystemCommands::index),
                entry("SET", DataCommands::set),
                entry("SETX", DataCommands::set),
                entry("GET", DataCommands::get),
                entry("MGET", DataCommands::mget),
                entry("DEL", DataCommands::del),
                entry("EXISTS", DataCommands::exists),
                entry("CHECK", DataCommands::check),
                entry("SCAN", ScanCommands::scan),
                entry("SCANX", ScanCommands::scan),
                entry("RSCAN", ScanCommands::rscan),
                entry("KSCAN", ScanCommands::kscan),
                entry("HISTORY", ScanCommands::history),
                entry("KEYCUR", ScanCommands::keycur),
                entry("INFO", SystemCommands::info),
                entry("STOP", SystemCommands::stop),
                entry("DBSIZE", NamespaceCommands::dbsize),
                entry("NSNEW", NamespaceCommands::nsnew),
                entry("NSDEL", NamespaceCommands::nsdel),
                entry("NSLIST", NamespaceCommands::nslist),
                entry("NSSET", NamespaceCommands::nsset),
                entry("NSINFO", NamespaceCommands::nsinfo),
                entry("SELECT", NamespaceCommands::select),
                entry("RELOAD", NamespaceCommands::reload),
                entry("FLUSH", NamespaceCommands::flush),
                entry("DATA", SystemCommands::data),
                entry("NSJUMP", NamespaceCommands::nsjump),
                entry("LENGTH", DataCommands::length),
                entry("KEYTIME", DataCommands::keytime)));
    }
}
