package org.clickhousemigrations.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksums of migrations: the first 16 hex digits of SHA-256 over text normalised so that line
 * endings, a byte order mark and trailing blanks do not count as changes.
 */
public final class Checksums {

	private Checksums() {
	}

	public static String of(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalise(text).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

	static String normalise(String text) {
		String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
		return withoutBom.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[ \\t]+\\n", "\n").strip();
	}

}
