'use strict';

/**
 * The pages of a listing: `await` it for the first page, `for await` over it for every page, or `.items()` for
 * every agent. Pages follow `nextToken` until the API leaves it out.
 */
class Paginator {
  constructor(fetchPage, itemsKey) {
    this.fetchPage = fetchPage;
    this.itemsKey = itemsKey;
  }

  then(onFulfilled, onRejected) {
    return this.fetchPage(undefined).then(onFulfilled, onRejected);
  }

  async *[Symbol.asyncIterator]() {
    let token;
    do {
      const page = await this.fetchPage(token);
      yield page;
      token = page.nextToken ?? undefined;
    } while (token);
  }

  async *items() {
    for await (const page of this) yield* page[this.itemsKey] ?? [];
  }
}

module.exports = { Paginator };
