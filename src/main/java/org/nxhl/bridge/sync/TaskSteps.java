package org.nxhl.bridge.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.nxhl.bridge.events.EventWait;
import org.nxhl.bridge.inbox.InboxHeaders;
import org.nxhl.bridge.store.ContactLinks;
import org.nxhl.bridge.store.TaskLinks;

/** The Java steps of the task flows: remember whose task it is, and confirm a completed one to Networx. */
public class TaskSteps {

    private final TaskLinks tasks;
    private final ContactLinks links;
    private final ObjectMapper json;
    private final EventWait createWait;

    /**
     * @param createWait how long a completion that names no contact waits for its task's creation to be
     *                   processed: HighLevel sends both at once, and the inbox may take them in any order
     */
    public TaskSteps(TaskLinks tasks, ContactLinks links, ObjectMapper json, EventWait createWait) {
        this.tasks = tasks;
        this.links = links;
        this.json = json;
        this.createWait = createWait;
    }

    /** A created task's contact is kept, for a later event about the task that does not name it. */
    public void remember(Exchange exchange) {
        Message in = exchange.getMessage();
        JsonNode task = Events.parse(json, in.getBody(String.class));
        String locationId = in.getHeader(InboxHeaders.LOCATION_ID, String.class);
        String taskId = Events.required(task, "id", "the task event names no task id");
        String contactId = Events.text(task, "contactId");
        if (contactId == null) {
            exchange.setProperty("outcome", "ignored: task " + taskId + " names no contact");
            return;
        }
        tasks.remember(locationId, taskId, contactId);
        exchange.setProperty("outcome", "task " + taskId + " of contact " + contactId + " remembered");
    }

    /** The {@code highlevel.task.completed} callback, with the lead the contact came from, if any. */
    public Map<String, Object> confirmation(Exchange exchange) {
        Message in = exchange.getMessage();
        JsonNode task = Events.parse(json, in.getBody(String.class));
        String locationId = in.getHeader(InboxHeaders.LOCATION_ID, String.class);
        String taskId = Events.required(task, "id", "the task event names no task id");
        String contactId = Events.text(task, "contactId");
        if (contactId == null) {
            contactId = tasks.contactOf(locationId, taskId).orElseThrow(() -> createWait.notYet(exchange,
                    "task " + taskId + " was completed but the event names no contact, and the bridge has not"
                            + " seen the task created (HighLevel has no lookup of a task by id alone)"));
        }
        String leadId = links.leadOfContact(locationId, contactId).orElse(null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("taskId", taskId);
        data.put("contactId", contactId);
        data.put("leadId", leadId);
        data.put("locationId", locationId);
        for (String field : new String[] {"title", "body", "dueDate", "assignedTo"}) {
            data.put(field, Events.text(task, field));
        }
        data.put("completedAt", Events.text(task, "timestamp"));
        exchange.setProperty("outcome", "task " + taskId + " of contact " + contactId
                + (leadId == null ? "" : " (lead " + leadId + ")") + " confirmed to Networx");
        return data;
    }
}
