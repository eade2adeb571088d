package org.clickhousemigrations.test;

/** A ClickHouse in a container, started for the tests: one of the engines {@link EngineLocator} chooses from. */
interface ContainerEngine {

	/** Why no container can be started here, or {@code null} when one can. */
	String unavailable();

	/** Starts a container; it is removed when the JVM ends. */
	Engine.External start();

}
