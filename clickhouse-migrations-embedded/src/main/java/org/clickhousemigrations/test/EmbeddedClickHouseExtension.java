package org.clickhousemigrations.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands the JVM's shared {@link EmbeddedClickHouse} to test constructors,
 * lifecycle methods and test methods that declare a parameter of that type.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedClickHouseExtension.class)
 * class EventsTests {
 *     @Test
 *     void storesEvents(EmbeddedClickHouse clickHouse) { ... }
 * }
 * }</pre>
 */
public class EmbeddedClickHouseExtension implements ParameterResolver {

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == EmbeddedClickHouse.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return EmbeddedClickHouse.shared();
	}

}
