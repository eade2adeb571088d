package org.clickhousemigrations.test;

import java.util.Arrays;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Entry point of the small child JVM that runs chDB as a ClickHouse server. Its first argument is
 * the path of {@code libchdb.so}, the rest is the argv of clickhouse-local. The server runs until
 * this process's standard input, held by the owner, reaches end of file: so it lives exactly as
 * long as its owner.
 */
public final class ChdbServerMain {

	/** The one function of chDB that we need. */
	public interface Chdb extends Library {

		Pointer chdb_query_cmdline(int argc, String[] argv);

	}

	private ChdbServerMain() {
	}

	public static void main(String[] args) {
		Chdb chdb = Native.load(args[0], Chdb.class);
		String[] argv = Arrays.copyOfRange(args, 1, args.length);
		chdb.chdb_query_cmdline(argv.length, argv);
		// chDB leaves non-daemon threads behind; the server is done.
		System.exit(0);
	}

}
