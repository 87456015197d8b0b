package io.agentlaunchpad.deployer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.Personality;
import io.agentlaunchpad.messages.ElizaIds;
import io.agentlaunchpad.json.Json;

import java.util.List;

/**
 * The ElizaOS v1 character: {@code personality.system/bio/adjectives/topics} map one to one, {@code selectedPlugins}
 * becomes {@code plugins}, and {@code id} is a UUID derived from the agent id (ElizaOS would derive one from the
 * name, which two agents may share, and the messages service must know it). ElizaOS 1.7.2's schema is strict: only
 * its own top-level fields, or the agent does not start. Secrets never go here: ElizaOS reads them from the
 * environment (the Secret).
 */
final class CharacterFile {

    private CharacterFile() {
    }

    static String json(Agent agent) {
        Personality p = agent.spec().personality();
        ObjectNode character = Json.MAPPER.createObjectNode();
        character.put("id", ElizaIds.agent(agent.agentId()).toString());
        character.put("name", agent.spec().name());
        character.put("username", agent.agentId());
        if (p != null && p.system() != null) {
            character.put("system", p.system());
        }
        character.set("bio", array(p == null ? null : p.bio()));
        character.set("adjectives", array(p == null ? null : p.adjectives()));
        character.set("topics", array(p == null ? null : p.topics()));
        character.set("plugins", array(agent.spec().plugins()));
        return Json.write(character);
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        if (values != null) {
            values.forEach(array::add);
        }
        return array;
    }
}
