package org.clickhousemigrations.autoconfigure.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.clickhousemigrations.ClickHouseMigrations;
import org.clickhousemigrations.DatabaseReport;
import org.clickhousemigrations.MigrationInfo;
import org.clickhousemigrations.MigrationStep;
import org.clickhousemigrations.RunningStatement;
import org.clickhousemigrations.diff.Drift;
import org.clickhousemigrations.model.AppliedMigration;
import org.clickhousemigrations.model.MigrationState;
import org.clickhousemigrations.sql.Secrets;

/**
 * One self-contained HTML page of every database, module and migration: state, when, by whom, how
 * long, failures with the failing statement, drift, and a timeline of each history. Styles are
 * inline; no script, font or image is fetched, so the page can be mailed or archived as it is.
 */
public final class HtmlReport {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final String STYLE = """
			body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;\
			padding:0 1rem;color:#1f2328;background:#fff}
			h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2.2rem 0 .5rem;padding-top:.8rem;\
			border-top:1px solid #d0d7de}h3{font-size:1rem;margin:1.2rem 0 .4rem}
			.muted{color:#59636e}.summary span{margin-right:.6rem}
			.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;font-weight:600;\
			color:#fff;background:#59636e;white-space:nowrap}
			.UP_TO_DATE,.APPLIED,.BASELINE{background:#1a7f37}.PENDING,.OUTDATED{background:#9a6700}\
			.FAILED,.INVALID,.UNREACHABLE,.CHECKSUM_MISMATCH,.MISSING{background:#cf222e}\
			.DISABLED,.EXCLUDED{background:#6e7781}
			table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem}th,td{text-align:left;padding:.3rem .5rem;\
			border-bottom:1px solid #eaeef2;vertical-align:top}th{font-size:.8rem;color:#59636e;font-weight:600}
			td.num{text-align:right;font-variant-numeric:tabular-nums}
			.failure{background:#ffebe9;border:1px solid #ff818266;border-radius:6px;padding:.6rem .8rem;margin:.3rem 0}
			.drift{background:#fff8c5;border:1px solid #d4a72c66;border-radius:6px;padding:.6rem .8rem;margin:.3rem 0}
			.running{background:#ddf4ff;border:1px solid #54aeff66;border-radius:6px;padding:.6rem .8rem;margin:.3rem 0}
			pre{white-space:pre-wrap;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;margin:.3rem 0 0}
			ol.timeline{list-style:none;margin:.3rem 0 1rem;padding:0 0 0 1.2rem;border-left:2px solid #d0d7de}
			ol.timeline li{position:relative;margin:.25rem 0;padding-left:.3rem}
			ol.timeline li::before{content:"";position:absolute;left:-1.62rem;top:.45rem;width:.7rem;height:.7rem;\
			border-radius:50%;background:#59636e}
			ol.timeline li.ok::before{background:#1a7f37}ol.timeline li.bad::before{background:#cf222e}\
			ol.timeline li.undo::before{background:#8250df}
			""";

	private HtmlReport() {
	}

	/** The page, read now from every database. */
	public static String render(ClickHouseMigrations migrations, Instant now) {
		Map<String, DatabaseReport> reports = migrations.info().databases();
		Map<String, Integer> summary = new TreeMap<>();
		reports.values().forEach((report) -> summary.merge(report.status().name(), 1, Integer::sum));
		StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
				+ "<title>ClickHouse migrations report</title><style>" + STYLE + "</style></head><body>\n");
		html.append("<h1>ClickHouse migrations</h1><p class=\"muted\">Report of ").append(TIME.format(now))
			.append(", ").append(reports.size()).append(reports.size() == 1 ? " database" : " databases").append("</p>");
		html.append("<p class=\"summary\">");
		summary.forEach((status, count) -> html.append("<span><span class=\"badge ").append(status).append("\">")
			.append(status).append("</span> ").append(count).append("</span>"));
		html.append("</p>\n");
		reports.forEach((name, report) -> database(html, migrations, report));
		return html.append("</body></html>\n").toString();
	}

	private static void database(StringBuilder html, ClickHouseMigrations migrations, DatabaseReport report) {
		html.append("<h2 id=\"db-").append(escape(report.name())).append("\">").append(escape(report.name()))
			.append(" <span class=\"badge ").append(report.status()).append("\">").append(report.status())
			.append("</span></h2><p class=\"muted\">history ").append(escape(report.historyTable()))
			.append(report.migrate() ? "" : " · migrate=false").append(report.readonly() ? " · readonly" : "");
		if (report.schema().snapshot() > 0) {
			html.append(" · schema fingerprint ").append(report.schema().fingerprint()).append(" (snapshot ")
				.append(report.schema().snapshot()).append(", ").append(TIME.format(report.schema().takenAt())).append(')');
		}
		html.append("</p>\n");
		if (report.error() != null) {
			html.append("<div class=\"failure\">").append(escape(report.error())).append("</div>\n");
		}
		for (RunningStatement running : migrations.running()) {
			if (running.database().equals(report.name())) {
				running(html, running);
			}
		}
		for (Drift drift : report.drift()) {
			html.append("<div class=\"drift\"><strong>Drift: ").append(escape(drift.object())).append("</strong> ")
				.append(escape(drift.change())).append("</div>\n");
		}
		report.modules().forEach((module, infos) -> module(html, module, infos));
		timeline(html, migrations, report);
	}

	// The statement running as the page is made: which, for how long, and a copy's chunks.
	private static void running(StringBuilder html, RunningStatement running) {
		html.append("<div class=\"running\"><strong>Running: ").append(escape(running.migration()))
			.append(running.rollback() ? " rollback" : "").append(", statement ").append(running.statement())
			.append(" of ").append(running.statements()).append("</strong> for ").append(running.age().toSeconds())
			.append(" s");
		RunningStatement.Chunks chunks = running.chunks();
		if (chunks.total() > 0) {
			html.append(String.format(Locale.ROOT, ", chunk %d of %d done, %,d rows written", chunks.done(),
					chunks.total(), chunks.rows()));
		}
		html.append("<pre>").append(escape(running.sql())).append("</pre></div>\n");
	}

	private static void module(StringBuilder html, String module, List<MigrationInfo> infos) {
		html.append("<h3>Module ").append(escape(module)).append("</h3><table><tr><th>Version</th><th>Description</th>"
				+ "<th>Type</th><th>State</th><th>Installed on</th><th>By</th><th>ms</th></tr>\n");
		for (MigrationInfo info : infos) {
			AppliedMigration row = info.applied();
			boolean recorded = info.isRecorded();
			html.append("<tr><td>").append(escape(info.key().version().toString())).append("</td><td>")
				.append(escape(info.description())).append("<div class=\"muted\">").append(escape(info.script()))
				.append("</div></td><td>").append(info.type()).append("</td><td><span class=\"badge ")
				.append(info.state()).append("\">").append(info.state()).append("</span></td><td>")
				.append(recorded ? TIME.format(row.installedOn()) : "").append("</td><td>")
				.append(recorded ? escape(row.installedBy()) : "").append("</td><td class=\"num\">")
				.append(recorded ? String.format(Locale.ROOT, "%,d", row.executionTimeMs()) : "").append("</td></tr>\n");
			if (info.state() == MigrationState.FAILED && row != null) {
				html.append("<tr><td></td><td colspan=\"6\"><div class=\"failure\"><strong>Failed at statement ")
					.append(row.statementsDone() + 1).append(" of ").append(row.statementsTotal()).append(":</strong> ")
					.append(escape(row.error()));
				String statement = failingStatement(info, row);
				if (statement != null) {
					html.append("<div class=\"muted\">The statement, as the file has it:</div><pre>")
						.append(escape(statement)).append("</pre>");
				}
				html.append("</div></td></tr>\n");
			}
		}
		html.append("</table>\n");
	}

	// The statement after the ones done: the one that failed, as the application has it now.
	private static String failingStatement(MigrationInfo info, AppliedMigration row) {
		if (info.resolved() == null) {
			return null;
		}
		List<MigrationStep> steps = row.event().isUnfinishedRollback()
				? info.resolved().rollbackSteps().orElse(List.of()) : info.resolved().steps();
		if (row.statementsDone() >= steps.size()) {
			return null;
		}
		MigrationStep step = steps.get(row.statementsDone());
		return Secrets.LITERALS.mask(step.isSql() ? step.sql() : step.label());
	}

	private static void timeline(StringBuilder html, ClickHouseMigrations migrations, DatabaseReport report) {
		List<AppliedMigration> rows;
		try {
			rows = migrations.history(report.name());
		}
		catch (RuntimeException ex) {
			return;
		}
		if (rows.isEmpty()) {
			return;
		}
		html.append("<h3>Timeline</h3><ol class=\"timeline\">\n");
		for (AppliedMigration row : rows) {
			String kind = switch (row.event()) {
				case APPLIED, BASELINE, IMPORTED, REALIGNED -> "ok";
				case FAILED, UNKNOWN, PARTIAL, ROLLBACK_FAILED, ROLLBACK_UNKNOWN -> "bad";
				case ROLLED_BACK, ROLLBACK_PROGRESS, CLEARED -> "undo";
				default -> "";
			};
			html.append("<li class=\"").append(kind).append("\"><span class=\"muted\">")
				.append(TIME.format(row.installedOn())).append("</span> ").append(row.event()).append(' ')
				.append(escape(row.key().toString())).append(" <span class=\"muted\">").append(escape(row.description()))
				.append(", statement ").append(row.statementsDone()).append(" of ").append(row.statementsTotal())
				.append(", ").append(row.executionTimeMs()).append(" ms, by ").append(escape(row.installedBy()))
				.append("</span>");
			if (!row.error().isEmpty()) {
				html.append("<div class=\"muted\">").append(escape(row.error())).append("</div>");
			}
			html.append("</li>\n");
		}
		html.append("</ol>\n");
	}

	private static String escape(String text) {
		return (text == null) ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
			.replace("\"", "&quot;");
	}

}
