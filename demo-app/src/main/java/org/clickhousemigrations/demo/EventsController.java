package org.clickhousemigrations.demo;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Ingests events and reads the daily aggregate that a materialized view keeps. */
@RestController
class EventsController {

	private final JdbcTemplate jdbc;

	EventsController(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** An event to store. */
	record Event(long userId, String kind) {
	}

	@PostMapping("/events")
	@ResponseStatus(HttpStatus.ACCEPTED)
	void ingest(@RequestBody Event event) {
		this.jdbc.update("INSERT INTO events (at, user_id, kind) VALUES (now(), ?, ?)", event.userId(), event.kind());
	}

	@GetMapping("/events/daily")
	List<Map<String, Object>> daily() {
		return this.jdbc.queryForList("SELECT toString(day) AS day, kind, sum(events) AS events FROM events_daily "
				+ "GROUP BY day, kind ORDER BY day, kind");
	}

}
