/*
 * The error a typed config throws when it describes something init cannot
 * read as meant: a malformed size, a child without a name, two children of
 * one name. It is thrown where the config is built, so the stack names the
 * line of config.ts that made the mistake (core prints it as file:line).
 */

import { NidoError } from '../../base/errors.js';

/** A typed config that does not describe a valid Genode config; the message says what and how to fix it. */
export class InvalidConfig extends NidoError {}
