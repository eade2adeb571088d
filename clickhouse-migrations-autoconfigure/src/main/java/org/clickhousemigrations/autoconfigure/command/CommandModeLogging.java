package org.clickhousemigrations.autoconfigure.command;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * In command mode, standard output carries the command's report alone: once Spring Boot set up
 * logging, its console appenders write to standard error instead (with Logback, Spring Boot's
 * default; other logging systems are left as they are). Scripts read the report from standard
 * output and the logs stay visible.
 */
public class CommandModeLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	private static final boolean LOGBACK = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext",
			CommandModeLogging.class.getClassLoader());

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (LOGBACK && event.getEnvironment().containsProperty("clickhouse.migrations.command")) {
			Logback.consoleToStandardError();
		}
	}

	@Override
	public int getOrder() {
		// Right after Spring Boot configured logging.
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	/** Kept apart, so that nothing of Logback is loaded without it. */
	private static final class Logback {

		static void consoleToStandardError() {
			if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
				return;
			}
			for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
				for (var appenders = logger.iteratorForAppenders(); appenders.hasNext();) {
					Appender<?> appender = appenders.next();
					if (appender instanceof ConsoleAppender<?> console && "System.out".equals(console.getTarget())) {
						console.stop();
						console.setTarget("System.err");
						console.start();
					}
				}
			}
		}

	}

}
