#!/usr/bin/env node
// Stands in for a script whose issue has not landed yet, and says so instead of pretending.
const [name, issue] = process.argv.slice(2);
console.error(`npm run ${name} is not implemented yet (tracked in issue ${issue}).`);
process.exit(1);
