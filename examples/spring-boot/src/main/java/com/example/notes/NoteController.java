package com.example.notes;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class NoteController {

    private final NoteRepository notes;

    public NoteController(NoteRepository notes) {
        this.notes = notes;
    }

    @GetMapping("/notes")
    public List<Note> list() {
        return notes.findAll();
    }

    @PostMapping("/notes")
    public Note add(@RequestBody String text) {
        return notes.add(text);
    }
}
