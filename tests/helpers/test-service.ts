// Shared with bench/ and scripts/: the code lives in support/ (bench must not import tests/).
export * from '../../support/test-service.js';
