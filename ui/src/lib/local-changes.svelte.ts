// A counter that moves on whenever the user changes something locally (an order action, a
// conflict retried or discarded), so that lists showing that data reload at once rather than
// after the sync the change sets off.

let version = $state(0);

export const localChanges = {
  get version(): number {
    return version;
  },
};

export function noteLocalChange(): void {
  version += 1;
}
