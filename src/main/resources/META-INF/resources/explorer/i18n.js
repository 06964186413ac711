// The interface in English and Russian; the records' own text is shown as written.
// Kazakh: the welcome line. A {name} in a string is replaced by format().
const en = {
  'skip': 'Skip to content', 'nav.main': 'Main', 'nav.records': 'Records', 'nav.stats': 'Statistics', 'lang.group': 'Language',
  'loading': 'Loading…', 'error.load': 'Could not load {what}: {detail}', 'error.notFound': 'Not found.', 'retry': 'Try again',
  'home.title': 'Records', 'home.lead': 'Detentions, fines, court rulings and bill readings in Kazakhstan and Central Asia, from published sources. Every entry is hashed into a signed log that you can check in this browser.',
  'filters': 'Filters', 'f.type': 'Type', 'f.any': 'Any', 'f.country': 'Country (two letters)', 'f.from': 'From', 'f.to': 'To',
  'f.dateHint': 'Year, year-month or full date, e.g. 2025-02', 'f.tag': 'Tag', 'f.q': 'Search text', 'f.apply': 'Apply', 'f.clear': 'Clear filters',
  'list.none': 'No records match.', 'list.count': '{n} records on this page', 'page.next': 'Older records', 'page.first': 'Newest records', 'page.label': 'Pages',
  'live.on': 'Live: new records appear here', 'live.off': 'Live updates paused, reconnecting…', 'live.shutdown': 'The server is shutting down; reconnecting in a moment…', 'live.new': 'New', 'live.announce': 'New record: {summary}',
  'live.search': 'New records have arrived. Reload the search to include them.', 'live.reload': 'Reload',
  'rec.title': '{type} · {date}', 'rec.when': 'When', 'rec.approx': 'approximately', 'rec.where': 'Where', 'rec.country': 'Country',
  'rec.language': 'Language of the text', 'rec.recorded': 'Recorded', 'rec.by': 'by {who}', 'rec.confidentiality': 'Confidentiality',
  'rec.actors': 'People and institutions', 'rec.details': 'Details', 'rec.sources': 'Sources', 'rec.history': 'Corrections',
  'rec.log': 'In the log', 'rec.position': 'Position', 'rec.contentHash': 'Content hash', 'rec.hash': 'Chain hash', 'rec.case': 'Case', 'rec.bill': 'Bill',
  'rec.tags': 'Tags', 'rec.open': 'Open record', 'rec.summary': 'Summary',
  'prec.year': 'year', 'prec.month': 'month', 'prec.day': 'day', 'prec.label': 'precision: {p}',
  'hist.supersedes': 'This record corrects {link}.', 'hist.supersededBy': 'Superseded by a correction: {link}.',
  'hist.retracted': 'Retracted.', 'hist.retractedBy': 'Retracted by {link}.', 'hist.none': 'No corrections or retractions.', 'hist.retracts': 'Retracts {link}.',
  'hist.badgeSuperseded': 'superseded', 'hist.badgeRetracted': 'retracted',
  'protected': 'protected person: pseudonym shown', 'actor.unknown': 'unknown actor',
  'money.printed': 'Amount', 'money.reported': 'USD figure printed by the source', 'money.usd': 'USD equivalent',
  'money.rate': '{rate} USD per {currency} on {date}, source: {source}{rounding}', 'money.noRate': 'no exchange rate on or before this date',
  'src.published': 'published {date}', 'src.excerpt': 'Excerpt',
  'actor.kind': 'Kind', 'actor.aliases': 'Also known as', 'actor.timeline': 'Timeline', 'actor.revision': 'Revision {n}',
  'case.court': 'Court', 'case.number': 'Case number', 'case.timeline': 'From detention to appeal, in the order events happened',
  'bill.number': 'Number', 'bill.initiators': 'Initiators', 'bill.stage': 'Current stage', 'bill.path': 'Path through parliament', 'bill.noReadings': 'No readings recorded yet.',
  'timeline.none': 'No records name it yet.', 'timeline.more': 'More',
  'stats.title': 'Statistics', 'stats.lead': 'Current records only (corrections applied, retracted ones left out).',
  'stats.perMonth': 'Records per month, by type', 'stats.detained': 'People detained per month', 'stats.days': 'Days of detention imposed per month',
  'stats.fines': 'Fines in US dollars, by country', 'stats.table': 'Show the numbers', 'stats.month': 'Month', 'stats.countryCol': 'Country',
  'stats.records': 'Records', 'stats.detainedCol': 'People detained', 'stats.daysCol': 'Days of detention', 'stats.finesCol': 'Fines', 'stats.usdCol': 'Total in USD',
  'stats.noRate': 'fines without an exchange rate: {n}', 'stats.empty': 'Nothing to show yet.',
  'verify.button': 'Verify in the browser', 'verify.running': 'Verifying…', 'verify.progress': 'Checking the chain: {done} of {total} entries',
  'verify.ok': 'Verified: {count} records on screen hash to their content hashes, and the chain from them to the head at position {position} ends in the hash signed by key {keyId} (Ed25519).',
  'verify.ok.one': 'Verified: the record on screen hashes to its content hash, and the chain from it to the head at position {position} ends in the hash signed by key {keyId} (Ed25519).',
  'verify.fail': 'Not verified.',
  'verify.content': 'The record at position {position} does not hash to its content hash (served {served}…, computed {computed}…).',
  'verify.feedContent': 'The log entry at position {position} does not hash to its content hash (served {served}…, computed {computed}…).',
  'verify.chain': 'The chain breaks at position {position}: served hash {served}…, computed {computed}….',
  'verify.notInLog': 'The record at position {position} is not what the log holds there (shown hash {served}…, log {computed}…).',
  'verify.signature': 'The head\'s checkpoint signature (position {position}, key {keyId}) is not valid.',
  'verify.head': 'The chain does not end in the signed head hash at position {position} (signed {served}…, computed {computed}…).',
  'verify.missing': 'Entry {position} is missing from the feed.', 'verify.span': 'Too many entries to replay here ({span}); use the command-line verifier.',
  'verify.nothing': 'Nothing on screen to verify.', 'verify.error': 'The check could not be done: {detail}',
  'verify.unsupported': 'This browser cannot check Ed25519 signatures (WebCrypto); use a current browser or the command-line verifier.',
  'foot': 'Every record here is an entry of an append-only, hash-chained log. The data: {api}.',
  'type.detention': 'Detention', 'type.fine': 'Fine', 'type.ruling': 'Ruling', 'type.bill_reading': 'Bill reading', 'type.retraction': 'Retraction',
};

const ru = {
  'skip': 'К содержанию', 'nav.main': 'Основное меню', 'nav.records': 'Записи', 'nav.stats': 'Статистика', 'lang.group': 'Язык',
  'loading': 'Загрузка…', 'error.load': 'Не удалось загрузить {what}: {detail}', 'error.notFound': 'Не найдено.', 'retry': 'Повторить',
  'home.title': 'Записи', 'home.lead': 'Задержания, штрафы, судебные решения и чтения законопроектов в Казахстане и Центральной Азии по опубликованным источникам. Каждая запись входит в подписанный журнал с цепочкой хешей, который можно проверить в этом браузере.',
  'filters': 'Фильтры', 'f.type': 'Тип', 'f.any': 'Любой', 'f.country': 'Страна (две буквы)', 'f.from': 'С', 'f.to': 'По',
  'f.dateHint': 'Год, год-месяц или полная дата, например 2025-02', 'f.tag': 'Метка', 'f.q': 'Поиск по тексту', 'f.apply': 'Применить', 'f.clear': 'Сбросить фильтры',
  'list.none': 'Нет подходящих записей.', 'list.count': 'Записей на странице: {n}', 'page.next': 'Более ранние записи', 'page.first': 'Самые новые записи', 'page.label': 'Страницы',
  'live.on': 'В реальном времени: новые записи появляются здесь', 'live.off': 'Обновления приостановлены, переподключение…', 'live.shutdown': 'Сервер останавливается; переподключение через несколько секунд…', 'live.new': 'Новое', 'live.announce': 'Новая запись: {summary}',
  'live.search': 'Появились новые записи. Обновите поиск, чтобы их увидеть.', 'live.reload': 'Обновить',
  'rec.title': '{type} · {date}', 'rec.when': 'Когда', 'rec.approx': 'приблизительно', 'rec.where': 'Где', 'rec.country': 'Страна',
  'rec.language': 'Язык текста', 'rec.recorded': 'Внесено', 'rec.by': '{who}', 'rec.confidentiality': 'Доступ',
  'rec.actors': 'Люди и учреждения', 'rec.details': 'Подробности', 'rec.sources': 'Источники', 'rec.history': 'Исправления',
  'rec.log': 'В журнале', 'rec.position': 'Позиция', 'rec.contentHash': 'Хеш содержания', 'rec.hash': 'Хеш цепочки', 'rec.case': 'Дело', 'rec.bill': 'Законопроект',
  'rec.tags': 'Метки', 'rec.open': 'Открыть запись', 'rec.summary': 'Описание',
  'prec.year': 'год', 'prec.month': 'месяц', 'prec.day': 'день', 'prec.label': 'точность: {p}',
  'hist.supersedes': 'Эта запись исправляет {link}.', 'hist.supersededBy': 'Заменена исправлением: {link}.',
  'hist.retracted': 'Отозвана.', 'hist.retractedBy': 'Отозвана записью {link}.', 'hist.none': 'Исправлений и отзывов нет.', 'hist.retracts': 'Отзывает {link}.',
  'hist.badgeSuperseded': 'заменена', 'hist.badgeRetracted': 'отозвана',
  'protected': 'защищённое лицо: показан псевдоним', 'actor.unknown': 'неизвестный участник',
  'money.printed': 'Сумма', 'money.reported': 'Сумма в долларах по данным источника', 'money.usd': 'Эквивалент в долларах США',
  'money.rate': '{rate} USD за 1 {currency} на {date}, источник: {source}{rounding}', 'money.noRate': 'нет курса на эту дату или ранее',
  'src.published': 'опубликовано {date}', 'src.excerpt': 'Выдержка',
  'actor.kind': 'Вид', 'actor.aliases': 'Другие имена', 'actor.timeline': 'Хронология', 'actor.revision': 'Редакция {n}',
  'case.court': 'Суд', 'case.number': 'Номер дела', 'case.timeline': 'От задержания до апелляции, в порядке событий',
  'bill.number': 'Номер', 'bill.initiators': 'Инициаторы', 'bill.stage': 'Текущая стадия', 'bill.path': 'Путь через парламент', 'bill.noReadings': 'Чтений пока нет.',
  'timeline.none': 'Пока нет записей.', 'timeline.more': 'Ещё',
  'stats.title': 'Статистика', 'stats.lead': 'Только действующие записи (с учётом исправлений, без отозванных).',
  'stats.perMonth': 'Записи по месяцам и типам', 'stats.detained': 'Задержано человек по месяцам', 'stats.days': 'Назначено дней лишения свободы по месяцам',
  'stats.fines': 'Штрафы в долларах США по странам', 'stats.table': 'Показать числа', 'stats.month': 'Месяц', 'stats.countryCol': 'Страна',
  'stats.records': 'Записи', 'stats.detainedCol': 'Задержано', 'stats.daysCol': 'Дней', 'stats.finesCol': 'Штрафы', 'stats.usdCol': 'Всего в USD',
  'stats.noRate': 'штрафов без курса: {n}', 'stats.empty': 'Пока нечего показать.',
  'verify.button': 'Проверить в браузере', 'verify.running': 'Проверка…', 'verify.progress': 'Проверка цепочки: {done} из {total}',
  'verify.ok.one': 'Проверено: запись на экране соответствует своему хешу, и цепочка от неё до вершины журнала (позиция {position}) заканчивается хешем, подписанным ключом {keyId} (Ed25519).',
  'verify.ok': 'Проверено записей на экране: {count}. Каждая соответствует своему хешу, и цепочка от них до вершины журнала (позиция {position}) заканчивается хешем, подписанным ключом {keyId} (Ed25519).',
  'verify.fail': 'Проверка не пройдена.',
  'verify.content': 'Запись на позиции {position} не соответствует своему хешу содержания (получен {served}…, вычислен {computed}…).',
  'verify.feedContent': 'Запись журнала на позиции {position} не соответствует своему хешу содержания (получен {served}…, вычислен {computed}…).',
  'verify.chain': 'Цепочка обрывается на позиции {position}: получен хеш {served}…, вычислен {computed}….',
  'verify.notInLog': 'Запись на позиции {position} отличается от записи журнала (показан хеш {served}…, в журнале {computed}…).',
  'verify.signature': 'Подпись контрольной точки (позиция {position}, ключ {keyId}) недействительна.',
  'verify.head': 'Цепочка не приходит к подписанному хешу на позиции {position} (подписан {served}…, вычислен {computed}…).',
  'verify.missing': 'В ленте нет записи {position}.', 'verify.span': 'Слишком много записей для проверки здесь ({span}); используйте программу проверки.',
  'verify.nothing': 'На экране нечего проверять.', 'verify.error': 'Проверку выполнить не удалось: {detail}',
  'verify.unsupported': 'Этот браузер не умеет проверять подписи Ed25519 (WebCrypto); используйте современный браузер или программу проверки.',
  'foot': 'Каждая запись здесь входит в журнал, куда можно только добавлять, связанный цепочкой хешей. Данные: {api}.',
  'type.detention': 'Задержание', 'type.fine': 'Штраф', 'type.ruling': 'Судебное решение', 'type.bill_reading': 'Чтение законопроекта', 'type.retraction': 'Отзыв записи',
};

// Enumerations of the API, by language; an unknown value is shown as sent.
const enums = {
  en: {
    role: { detainee: 'detainee', defendant: 'defendant', fined: 'fined', court: 'court', authority: 'authority', initiator: 'initiator', plaintiff: 'plaintiff', victim: 'victim', witness: 'witness' },
    kind: { person: 'person', organization: 'organization', court: 'court', authority: 'authority', legislature: 'legislature' },
    outcome: { released: 'released', charged: 'charged', administrative_arrest: 'administrative arrest', held: 'held', unknown: 'unknown', approved: 'approved', rejected: 'rejected', returned: 'returned', pending: 'pending' },
    instance: { first: 'first instance', appeal: 'appeal', cassation: 'cassation', supreme: 'supreme court', international: 'international body' },
    verdict: { guilty: 'guilty', acquitted: 'acquitted', upheld: 'upheld', overturned: 'overturned', dismissed: 'dismissed', partially_upheld: 'partially upheld', other: 'other' },
    sentence: { imprisonment: 'imprisonment', administrative_detention: 'administrative detention', restricted_freedom: 'restricted freedom', fine: 'fine', damages: 'damages', suspended: 'suspended sentence', none: 'no sentence', other: 'other' },
    chamber: { lower: 'lower house', upper: 'upper house', executive: 'executive', joint: 'joint session' },
    stage: { introduced: 'introduced', reading_1: 'first reading', reading_2: 'second reading', reading_3: 'third reading', passed: 'passed', signed: 'signed', vetoed: 'vetoed', in_force: 'in force', withdrawn: 'withdrawn', rejected: 'rejected' },
    confidentiality: { public: 'public', restricted: 'restricted' },
    field: { authority: 'Authority', legalBasis: 'Legal basis', detainedCount: 'People detained', start: 'Start', end: 'End', durationHours: 'Duration, hours', outcome: 'Outcome',
      issuedBy: 'Issued by', rulingId: 'Ruling', court: 'Court', instance: 'Instance', caseNumber: 'Case number', verdict: 'Verdict', sentence: 'Sentence', appealOf: 'Appeal of',
      chamber: 'Chamber', chamberName: 'Chamber name', stage: 'Stage', votes: 'Votes', retracts: 'Retracts', reason: 'Reason', for: 'for', against: 'against', abstain: 'abstained' },
    unit: { days: '{n} days', months: '{n} months', years: '{n} years' },
  },
  ru: {
    role: { detainee: 'задержан(а)', defendant: 'обвиняемый', fined: 'оштрафован(а)', court: 'суд', authority: 'орган власти', initiator: 'инициатор', plaintiff: 'истец', victim: 'потерпевший', witness: 'свидетель' },
    kind: { person: 'человек', organization: 'организация', court: 'суд', authority: 'орган власти', legislature: 'парламент' },
    outcome: { released: 'освобождён', charged: 'предъявлено обвинение', administrative_arrest: 'административный арест', held: 'под стражей', unknown: 'неизвестно', approved: 'одобрен', rejected: 'отклонён', returned: 'возвращён', pending: 'на рассмотрении' },
    instance: { first: 'первая инстанция', appeal: 'апелляция', cassation: 'кассация', supreme: 'верховный суд', international: 'международный орган' },
    verdict: { guilty: 'виновен', acquitted: 'оправдан', upheld: 'оставлено в силе', overturned: 'отменено', dismissed: 'отклонено', partially_upheld: 'частично удовлетворено', other: 'другое' },
    sentence: { imprisonment: 'лишение свободы', administrative_detention: 'административный арест', restricted_freedom: 'ограничение свободы', fine: 'штраф', damages: 'возмещение ущерба', suspended: 'условный срок', none: 'без наказания', other: 'другое' },
    chamber: { lower: 'нижняя палата', upper: 'верхняя палата', executive: 'исполнительная власть', joint: 'совместное заседание' },
    stage: { introduced: 'внесён', reading_1: 'первое чтение', reading_2: 'второе чтение', reading_3: 'третье чтение', passed: 'принят', signed: 'подписан', vetoed: 'вето', in_force: 'вступил в силу', withdrawn: 'отозван', rejected: 'отклонён' },
    confidentiality: { public: 'открытый', restricted: 'ограниченный' },
    field: { authority: 'Орган', legalBasis: 'Правовое основание', detainedCount: 'Задержано человек', start: 'Начало', end: 'Конец', durationHours: 'Длительность, часов', outcome: 'Итог',
      issuedBy: 'Кем назначен', rulingId: 'Решение', court: 'Суд', instance: 'Инстанция', caseNumber: 'Номер дела', verdict: 'Решение суда', sentence: 'Наказание', appealOf: 'Апелляция на',
      chamber: 'Палата', chamberName: 'Название палаты', stage: 'Стадия', votes: 'Голоса', retracts: 'Отзывает', reason: 'Причина', for: 'за', against: 'против', abstain: 'воздержались' },
    unit: { days: '{n} дн.', months: '{n} мес.', years: '{n} г.' },
  },
};

export const WELCOME_KK = 'Қош келдіңіз! Бұл — ұсталулар, айыппұлдар, сот шешімдері мен заң жобалары туралы ашық тізілім.';
export const LANGS = ['en', 'ru'];
const strings = { en, ru };

export function pickLanguage(stored, browserLanguages) {
  if (LANGS.includes(stored)) return stored;
  for (const tag of browserLanguages || []) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (primary === 'en') return 'en';
    // Russian is the shared second language where Kazakh and Kyrgyz are spoken.
    if (primary === 'ru' || primary === 'kk' || primary === 'ky') return 'ru';
  }
  return 'en';
}

export function translator(lang) {
  const table = strings[lang] || en;
  const t = (key, params = {}) => {
    const text = table[key] ?? en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  };
  t.enum = (group, value) => (enums[lang] || enums.en)[group]?.[value] ?? String(value).replace(/_/g, ' ');
  t.lang = lang;
  return t;
}
