// A worker thread whose start fails (as the worker role's would on a policy it cannot read).
throw new Error('cannot start: no such lexicon');
