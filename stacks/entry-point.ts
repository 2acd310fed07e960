import { configureSynthProcess } from './process-settings';

/**
 * main.ts imports this first. When main is the process's entry point (`cdktf synth` runs `node dist/main.js`), it
 * makes the process settings before anything loads cdktf; when main is only imported (tests, other tools), it does
 * nothing. An import rather than a call in main.ts because the settings must precede main.ts's own imports.
 */
if (require.main !== undefined && require.main.filename === require.resolve('../main')) configureSynthProcess();
