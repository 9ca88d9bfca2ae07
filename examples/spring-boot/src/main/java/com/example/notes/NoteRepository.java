package com.example.notes;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class NoteRepository {

    private final JdbcClient jdbc;

    public NoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Note> findAll() {
        return jdbc.sql("SELECT id, text FROM note ORDER BY id").query(Note.class).list();
    }

    public Note add(String text) {
        return jdbc.sql("INSERT INTO note (text) VALUES (?) RETURNING id, text")
                .param(text)
                .query(Note.class)
                .single();
    }
}
