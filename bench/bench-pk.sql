SELECT * FROM vaccination_event WHERE event_time >= :start AND event_time < :end
