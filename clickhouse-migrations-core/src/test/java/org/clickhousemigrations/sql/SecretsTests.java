package org.clickhousemigrations.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets masked wherever the library shows a statement: each form beside its masked rendering. */
class SecretsTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"postgresql table function | SELECT * FROM postgresql('pg:5432', 'db', 'src', 'reader', 'pw1') | SELECT * FROM postgresql('pg:5432', 'db', 'src', 'reader', '******')",
			"PostgreSQL table engine | CREATE TABLE t (a UInt8) ENGINE = PostgreSQL('pg:5432', 'db', 'src', 'reader', 'pw1', 'public') | CREATE TABLE t (a UInt8) ENGINE = PostgreSQL('pg:5432', 'db', 'src', 'reader', '******', 'public')",
			"PostgreSQL database engine | CREATE DATABASE d ENGINE = PostgreSQL('pg:5432', 'db', 'reader', 'pw1') | CREATE DATABASE d ENGINE = PostgreSQL('pg:5432', 'db', 'reader', '******')",
			"mysql table function | INSERT INTO t SELECT * FROM mysql('my:3306', 'db', 'src', 'reader', 'pw1') | INSERT INTO t SELECT * FROM mysql('my:3306', 'db', 'src', 'reader', '******')",
			"MySQL engine | CREATE TABLE t (a UInt8) ENGINE = MySQL('my:3306', 'db', 'src', 'reader', 'pw1') | CREATE TABLE t (a UInt8) ENGINE = MySQL('my:3306', 'db', 'src', 'reader', '******')",
			"mongodb | SELECT * FROM mongodb('mongo:27017', 'db', 'c', 'reader', 'pw1', 'a UInt8') | SELECT * FROM mongodb('mongo:27017', 'db', 'c', 'reader', '******', 'a UInt8')",
			"remote | SELECT * FROM remote('ch:9000', 'db', 't', 'reader', 'pw1') | SELECT * FROM remote('ch:9000', 'db', 't', 'reader', '******')",
			"remoteSecure with db.table | SELECT * FROM remoteSecure('ch:9440', 'db.t', 'reader', 'pw1') | SELECT * FROM remoteSecure('ch:9440', 'db.t', 'reader', '******')",
			"s3 | SELECT * FROM s3('https://b.s3.amazonaws.com/x.csv', 'AKIA1', 'pw1', 'CSV') | SELECT * FROM s3('https://b.s3.amazonaws.com/x.csv', 'AKIA1', '******', 'CSV')",
			"s3 without keys | SELECT * FROM s3('https://b.s3.amazonaws.com/x.csv', 'CSV', 'a UInt8') | SELECT * FROM s3('https://b.s3.amazonaws.com/x.csv', 'CSV', 'a UInt8')",
			"S3 engine | CREATE TABLE t (a UInt8) ENGINE = S3('https://b/x.csv', 'AKIA1', 'pw1', 'CSV') | CREATE TABLE t (a UInt8) ENGINE = S3('https://b/x.csv', 'AKIA1', '******', 'CSV')",
			"s3Cluster | SELECT * FROM s3Cluster('c', 'https://b/x.csv', 'AKIA1', 'pw1') | SELECT * FROM s3Cluster('c', 'https://b/x.csv', 'AKIA1', '******')",
			"gcs | SELECT * FROM gcs('https://storage.googleapis.com/b/x.csv', 'HMAC1', 'pw1') | SELECT * FROM gcs('https://storage.googleapis.com/b/x.csv', 'HMAC1', '******')",
			"azureBlobStorage | SELECT * FROM azureBlobStorage('https://a.blob.core.windows.net', 'c', 'x.csv', 'acct', 'pw1') | SELECT * FROM azureBlobStorage('https://a.blob.core.windows.net', 'c', 'x.csv', 'acct', '******')",
			"azure connection string | SELECT * FROM azureBlobStorage('DefaultEndpointsProtocol=https;AccountName=a;AccountKey=pw1;', 'c', 'x.csv') | SELECT * FROM azureBlobStorage('DefaultEndpointsProtocol=https;AccountName=a;AccountKey=******;', 'c', 'x.csv')",
			"dictionary source | CREATE DICTIONARY d (a UInt8) PRIMARY KEY a SOURCE(CLICKHOUSE(HOST 'h' USER 'u' PASSWORD 'pw1' TABLE 't')) LAYOUT(FLAT()) LIFETIME(0) | CREATE DICTIONARY d (a UInt8) PRIMARY KEY a SOURCE(CLICKHOUSE(HOST 'h' USER 'u' PASSWORD '******' TABLE 't')) LAYOUT(FLAT()) LIFETIME(0)",
			"create user | CREATE USER reader IDENTIFIED WITH sha256_password BY 'pw1' | CREATE USER reader IDENTIFIED WITH sha256_password BY '******'",
			"create user, plain | CREATE USER reader IDENTIFIED BY 'pw1' | CREATE USER reader IDENTIFIED BY '******'",
			"named argument | SELECT * FROM s3(named_s3, url = 'https://b/x', secret_access_key = 'pw1') | SELECT * FROM s3(named_s3, url = 'https://b/x', secret_access_key = '******')",
			"quotes inside | SELECT * FROM postgresql('pg', 'db', 'src', 'reader', 'p''w\\'1') | SELECT * FROM postgresql('pg', 'db', 'src', 'reader', '******')" })
	void literalCredentialsAreMasked(String form, String statement, String masked) {
		assertThat(Secrets.LITERALS.mask(statement)).isEqualTo(masked);
		assertThat(masked).doesNotContain("pw1");
	}

	@Test
	void secretPlaceholdersAreSecretByNameOrWhenDeclared() {
		assertThat(List.of("pg_password", "AWS_SECRET", "api_token", "credentials", "access_key"))
			.allMatch(Secrets::isSecretName);
		assertThat(Secrets.isSecretName("events_ttl_days")).isFalse();
		Secrets secrets = Secrets.of(Map.of("pg_password", "hunter2", "region", "eu-west-1", "dsn", "s3cr3t-dsn",
				"ttl", "30"), Set.of("dsn"));
		assertThat(secrets.mask("password hunter2, dsn s3cr3t-dsn, region eu-west-1, ttl 30"))
			.isEqualTo("password ******, dsn ******, region eu-west-1, ttl 30");
	}

	@Test
	void everyMessageOfAFailureIsMaskedAndItsClassesAndStackKept() {
		Secrets secrets = Secrets.of(Map.of("pg_password", "hunter2"), Set.of());
		SQLException cause = new SQLException("Code: 1000. connection to pg failed with password hunter2");
		RuntimeException failure = new RuntimeException("statement failed: ... 'hunter2')", cause);
		Throwable masked = secrets.mask(failure);
		assertThat(masked).hasMessage("java.lang.RuntimeException: statement failed: ... '******')");
		assertThat(masked.getCause()).hasMessage("java.sql.SQLException: Code: 1000. connection to pg failed with "
				+ "password ******");
		assertThat(masked.getStackTrace()).isEqualTo(failure.getStackTrace());
		RuntimeException clean = new RuntimeException("nothing secret");
		assertThat(secrets.mask(clean)).isSameAs(clean);
	}

}
