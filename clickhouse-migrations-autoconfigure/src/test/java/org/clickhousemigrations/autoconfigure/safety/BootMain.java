package org.clickhousemigrations.autoconfigure.safety;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** An application that migrates on boot and exits: one instance of a deployment, in its own JVM. */
public final class BootMain {

	private BootMain() {
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).run(args).close();
		System.out.println("BOOTED");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
