// A deterministic stand-in for a model provider, for tests only (never baked into the image: see ../Dockerfile).
// Loaded by start-agent.mjs when LAUNCHPAD_TEST_MODEL_PLUGIN points at this file. Every text answer is the XML
// ElizaOS's bootstrap templates ask for: RESPOND to the should-respond step, then REPLY with "echo: <user text>".
import fs from 'node:fs';

const EMBEDDING_DIMENSION = 384;

// ElizaOS's message-handler prompt carries the user's message under "# Received Message" as "<name>: <text>".
// Prompts without it (other templates) are answered with "echo: (no message)".
export function lastUserText(prompt) {
  const dump = process.env.LAUNCHPAD_TEST_MODEL_DUMP;
  if (dump) fs.appendFileSync(dump, `----- prompt\n${prompt}\n`);
  const received = /# Received Message\n([\s\S]*?)\n\s*\n# /.exec(String(prompt ?? ''));
  if (!received) return '(no message)';
  return received[1].replace(/^[^:\n]*: /, '').replace(/[<>]/g, '').trim();
}

export function replyXml(userText) {
  const text = `echo: ${userText}`;
  return [
    '<response>',
    '<name>test-model</name>',
    '<reasoning>deterministic test model</reasoning>',
    '<action>RESPOND</action>',
    '<thought>echo the user</thought>',
    '<actions>REPLY</actions>',
    '<providers></providers>',
    `<text>${text}</text>`,
    '</response>',
  ].join('\n');
}

function embedding(text) {
  const vector = new Array(EMBEDDING_DIMENSION).fill(0);
  const input = String(text ?? '');
  for (let i = 0; i < input.length; i++) vector[(input.charCodeAt(i) + i) % EMBEDDING_DIMENSION] += 1;
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0)) || 1;
  return vector.map((v) => v / norm);
}

const text = async (_runtime, params) => replyXml(lastUserText(params?.prompt));

export default {
  name: 'launchpad-test-model',
  description: 'Deterministic model answers for Agent Launchpad tests (echo of the user text)',
  priority: 100,
  models: {
    TEXT_SMALL: text,
    TEXT_LARGE: text,
    TEXT_EMBEDDING: async (_runtime, params) => embedding(typeof params === 'string' ? params : params?.text),
  },
};
