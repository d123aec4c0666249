// The launch-and-serve module moved to scripts/lib/ when `npm start`'s demo began to use it; this path stays so that
// tests written against it keep working.
export * from '../../scripts/lib/fixture-browser';
