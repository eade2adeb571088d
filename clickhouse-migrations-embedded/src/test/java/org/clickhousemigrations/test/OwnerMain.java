package org.clickhousemigrations.test;

/** A JVM that owns a server and then waits to be killed; used to prove the server dies with it. */
public final class OwnerMain {

	private OwnerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmbeddedClickHouse clickHouse = EmbeddedClickHouse.start();
		System.out.println("SERVER " + clickHouse.pid().getAsLong() + " " + clickHouse.httpPort() + " "
				+ clickHouse.directory().resolve("data"));
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}

}
