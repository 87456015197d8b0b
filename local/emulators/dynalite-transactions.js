#!/usr/bin/env node
'use strict';

// dynalite with TransactWriteItems, which dynalite 4 does not implement. dynalite runs in this process on a port of
// its own; this front server takes the requests, one at a time, and passes each on unchanged, except a
// TransactWriteItems: its writes are made with dynalite's own conditional PutItem/UpdateItem/DeleteItem, and when one
// is refused the writes already made are put back as they were, so the transaction is all or nothing. One request at
// a time is what makes that atomic to every other client. Arguments: those of dynalite's cli.js that Dynalite.java
// passes (--host, --port, --path, --createTableMs, --deleteTableMs, --updateTableMs).

const http = require('http');
const dynalite = require('dynalite');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];

const inner = dynalite({
  path: args.path,
  createTableMs: Number(args.createTableMs || 0),
  deleteTableMs: Number(args.deleteTableMs || 0),
  updateTableMs: Number(args.updateTableMs || 0),
});

inner.listen(0, '127.0.0.1', () => {
  const innerPort = inner.address().port;
  const keySchemas = new Map();
  let queue = Promise.resolve();

  function forward(method, url, headers, body) {
    return new Promise((resolve) => {
      const h = { ...headers, host: `127.0.0.1:${innerPort}`, 'content-length': Buffer.byteLength(body) };
      const req = http.request({ host: '127.0.0.1', port: innerPort, method, path: url, headers: h }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', (e) => resolve({ status: 500, headers: {}, body: Buffer.from(JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: e.message })) }));
      req.end(body);
    });
  }

  async function call(headers, prefix, operation, payload) {
    const h = { ...headers, 'x-amz-target': `${prefix}.${operation}`, 'content-type': 'application/x-amz-json-1.0' };
    delete h['x-amz-crc32'];
    const answer = await forward('POST', '/', h, JSON.stringify(payload));
    return { status: answer.status, json: answer.body.length ? JSON.parse(answer.body.toString()) : {} };
  }

  async function keyOf(headers, prefix, table, item) {
    if (!keySchemas.has(table)) {
      const described = await call(headers, prefix, 'DescribeTable', { TableName: table });
      if (described.status !== 200) return null;
      keySchemas.set(table, described.json.Table.KeySchema.map((k) => k.AttributeName));
    }
    return Object.fromEntries(keySchemas.get(table).map((name) => [name, item[name]]));
  }

  function expressionFields(op) {
    const out = {};
    for (const f of ['ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues',
      'UpdateExpression']) {
      if (op[f] !== undefined && !(typeof op[f] === 'object' && Object.keys(op[f]).length === 0)) out[f] = op[f];
    }
    return out;
  }

  function json(status, payload) {
    return { status, headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: Buffer.from(JSON.stringify(payload)) };
  }

  async function transact(headers, prefix, request) {
    const items = request.TransactItems || [];
    const applied = [];
    const reasons = items.map(() => ({ Code: 'None' }));
    for (let i = 0; i < items.length; i++) {
      const [kind, op] = Object.entries(items[i])[0];
      const operation = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem' }[kind];
      if (!operation) {
        await undo(headers, prefix, applied);
        return json(400, { __type: 'com.amazon.coral.validate#ValidationException',
          message: `${kind} in TransactWriteItems is not supported by this emulator` });
      }
      const key = kind === 'Put' ? await keyOf(headers, prefix, op.TableName, op.Item) : op.Key;
      const old = await call(headers, prefix, 'GetItem', { TableName: op.TableName, Key: key, ConsistentRead: true });
      const payload = { TableName: op.TableName, ...expressionFields(op) };
      if (kind === 'Put') payload.Item = op.Item; else payload.Key = op.Key;
      const done = await call(headers, prefix, operation, payload);
      if (done.status !== 200) {
        await undo(headers, prefix, applied);
        if (String(done.json.__type || '').endsWith('ConditionalCheckFailedException')) {
          reasons[i] = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
          return json(400, { __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
            message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${
              reasons.map((r) => r.Code).join(', ')}]`, CancellationReasons: reasons });
        }
        return json(done.status, done.json);
      }
      applied.push({ table: op.TableName, key, old: old.json.Item });
    }
    return json(200, {});
  }

  async function undo(headers, prefix, applied) {
    for (const write of applied.reverse()) {
      if (write.old) await call(headers, prefix, 'PutItem', { TableName: write.table, Item: write.old });
      else await call(headers, prefix, 'DeleteItem', { TableName: write.table, Key: write.key });
    }
  }

  async function handle(req, body, res) {
    const target = String(req.headers['x-amz-target'] || '');
    let answer;
    if (target.endsWith('.TransactWriteItems')) {
      answer = await transact(req.headers, target.split('.')[0], JSON.parse(body.toString() || '{}'));
    } else {
      answer = await forward(req.method, req.url, req.headers, body);
    }
    const headers = { ...answer.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(answer.status, { ...headers, 'content-length': answer.body.length });
    res.end(answer.body);
  }

  const front = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      queue = queue.then(() => handle(req, body, res)).catch((e) => {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: e.message }));
      });
    });
  });
  front.listen(Number(args.port || 4567), args.host || '127.0.0.1', () => {
    console.log('Dynalite (with TransactWriteItems) listening at: http://%s:%s', args.host || '127.0.0.1',
      front.address().port);
  });
});
