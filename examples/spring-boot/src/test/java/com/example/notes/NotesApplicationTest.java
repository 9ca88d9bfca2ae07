package com.example.notes;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tidemark.spring.test.AutoConfigureMigratedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The whole application, started against a database of its own cloned from the migrated template. */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureMigratedDatabase
class NotesApplicationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void notes_listsTheWelcomeNoteTheMigrationAdded() throws Exception {
        mvc.perform(get("/notes"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].text").value("Welcome to your notes"));
    }

    @Test
    void notes_storesANewNote() throws Exception {
        mvc.perform(post("/notes").content("Buy milk"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.text").value("Buy milk"));
    }

    @Test
    void actuator_showsTheMigrationsAndAHealthyTidemark() throws Exception {
        mvc.perform(get("/actuator/tidemark"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currentVersion").value("2"))
                .andExpect(jsonPath("$.migrations[0].description").value("create notes"))
                .andExpect(jsonPath("$.migrations[1].state").value("APPLIED"));
        mvc.perform(get("/actuator/health"))
                .andExpect(jsonPath("$.components.tidemark.status").value("UP"))
                .andExpect(jsonPath("$.components.tidemark.details.currentVersion").value("2"));
    }
}
